package org.aptrust.registry.web.pages;

import java.util.List;

import org.aptrust.registry.db.list.Page;

/** The pager shown above and below a table: the total, the range shown, previous/next, and 20/50/100 per page. */
public record PagerModel(String label, long total, boolean exact, long from, long to, int page, long lastPage,
                         String firstHref, String prevHref, String nextHref, String lastHref,
                         List<PerPage> perPage) {

    public static final List<Integer> PER_PAGE_CHOICES = List.of(20, 50, 100);

    public record PerPage(int size, String href, boolean current) {
    }

    public boolean multiplePages() {
        return lastPage > 1;
    }

    public String totalText() {
        return (exact ? "" : "about ") + Formats.number(total) + (total == 1 ? " result" : " results");
    }

    public static PagerModel of(String label, Page<?> p, QueryString query, String path, String pageParam,
                                String perPageParam) {
        long from = p.results().isEmpty() ? 0 : (long) (p.page() - 1) * p.perPage() + 1;
        long to = from == 0 ? 0 : from + p.results().size() - 1;
        long last = p.lastPage();
        QueryString q = query.without(pageParam);
        String first = p.page() > 1 ? q.link(path) : null;
        String prev = p.page() > 1 ? (p.page() == 2 ? q.link(path) : q.with(pageParam, "" + (p.page() - 1)).link(path))
                : null;
        String next = p.hasNext() ? q.with(pageParam, "" + (p.page() + 1)).link(path) : null;
        String lastHref = p.page() < last ? q.with(pageParam, "" + last).link(path) : null;
        List<PerPage> sizes = PER_PAGE_CHOICES.stream()
                .map(n -> new PerPage(n, q.with(perPageParam, "" + n).link(path), n == p.perPage())).toList();
        return new PagerModel(label, p.total(), p.exact(), from, to, p.page(), last, first, prev, next, lastHref,
                sizes);
    }
}
