package org.aptrust.registry.web.pages;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.ListReader;
import org.aptrust.registry.db.list.ListQueryException;
import org.aptrust.registry.db.list.Page;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.list.Sort;
import org.aptrust.registry.web.auth.Viewer;

/**
 * Serves every list page the same way: parses the query string against the list's whitelist (scoped to the
 * viewer's institution unless they are an admin), renders the filter form, sortable headers, pagers and total,
 * or streams the same rows as CSV ({@code format=csv}). A value the whitelist refuses shows the form again with
 * the message (400), never an error page.
 */
public final class ListPages {

    /** Parameters of the page itself, never filters. */
    public static final Set<String> PAGE_PARAMS = Set.of("format");

    private final Pages pages;
    private final int csvMaxRows;

    public ListPages(Pages pages, int csvMaxRows) {
        this.pages = pages;
        this.csvMaxRows = csvMaxRows;
    }

    public int csvMaxRows() {
        return csvMaxRows;
    }

    /** A list page as the viewer sees it, given every institution (for an admin's institution filter) or none. */
    @FunctionalInterface
    public interface Definition<T> {
        ListPage<T> of(Viewer viewer, List<FilterField.Option> institutions);
    }

    /**
     * A list page in its usual scope: the viewer's institution's rows, or every institution's with an institution
     * filter for admins.
     */
    public <T> Response respond(ContainerRequestContext request, Viewer viewer, Definition<T> list,
                                ListReader<T> source) {
        List<FilterField.Option> institutions = viewer.isAdmin() ? pages.institutionOptions() : List.of();
        return respond(request, viewer, list.of(viewer, institutions), viewer.scope(), source);
    }

    public <T> Response respond(ContainerRequestContext request, Viewer viewer, ListPage<T> list, Scope scope,
                                ListReader<T> source) {
        Map<String, List<String>> raw = request.getUriInfo().getQueryParameters();
        QueryString query = QueryString.of(raw);
        boolean csv = "csv".equals(query.first("format"));
        ListQuery parsed;
        try {
            Set<String> ignored = new HashSet<>(PAGE_PARAMS);
            parsed = ListQuery.parse(list.spec(), raw, scope, ignored);
        } catch (ListQueryException e) {
            if (csv) {
                return pages.error(request, 400, e.getMessage());
            }
            return render(request, viewer, list, query, null, null, e.getMessage(), 400);
        }
        if (csv) {
            return csv(list, parsed, source);
        }
        Page<T> page;
        try {
            page = source.list(parsed);
        } catch (ListQueryException e) {
            return render(request, viewer, list, query, null, null, e.getMessage(), 400);
        }
        if (list.singleMatchRedirect() != null && page.total() == 1 && page.results().size() == 1
                && list.redirectKeys().stream().anyMatch(k -> query.first(k) != null && !query.first(k).isBlank())) {
            return Response.seeOther(URI.create(list.singleMatchRedirect().apply(page.results().get(0)))).build();
        }
        Sort current = parsed.sorts().isEmpty()
                ? (list.spec().defaultSort().isEmpty() ? null : list.spec().defaultSort().get(0))
                : parsed.sorts().get(0);
        return render(request, viewer, list, query, page, current, null, 200);
    }

    private <T> Response render(ContainerRequestContext request, Viewer viewer, ListPage<T> list, QueryString query,
                                Page<T> page, Sort current, String error, int status) {
        QueryString shown = query.nonEmpty();
        FilterFormModel form = FilterFormModel.of(list.path(), list.filters(), query);
        TableModel table = TableModel.of(list.title(), list.columns(), page == null ? List.of() : page.results(),
                current, shown, list.path(), "sort", "page", error == null ? "Nothing matches these filters." : "");
        PagerModel pager = page == null ? null : PagerModel.of(list.title(), page, shown, list.path(), "page",
                "per_page");
        String csvHref = shown.without("page", "per_page").with("format", "csv").link(list.path());
        ListView view = new ListView(pages.context(request, list.title(), viewer), list.intro(), error, form, table,
                pager, error == null ? csvHref : null, csvMaxRows, list.bulkActions()).withBackHref(shown.link(list.path())).withPresets(list.presets()).withCreate(list.create());
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(view).build();
    }

    private <T> Response csv(ListPage<T> list, ListQuery query, ListReader<T> source) {
        StreamingOutput body = out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            try (CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180)) {
                List<Column<T>> exported = list.columns().stream().filter(Column::exported).toList();
                printer.printRecord(exported.stream().map(Column::label).toList());
                source.stream(query, csvMaxRows, row -> {
                    try {
                        printer.printRecord(exported.stream().map(c -> c.csv().apply(row)).toList());
                    } catch (java.io.IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        };
        return Response.ok(body, "text/csv; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + list.csvName() + ".csv\"")
                .build();
    }
}
