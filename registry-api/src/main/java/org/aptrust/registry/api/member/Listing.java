package org.aptrust.registry.api.member;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.UriInfo;
import org.aptrust.registry.api.json.ApiException;
import org.aptrust.registry.api.json.ListEnvelope;
import org.aptrust.registry.db.dao.ListDao;
import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.ListQueryException;
import org.aptrust.registry.db.list.Page;
import org.aptrust.registry.db.list.Scope;

/**
 * Answers a list route: the query string through the list's whitelist (anything else is a 400 naming the
 * parameter and what is allowed), the caller's scope applied by the engine, and the original's envelope with full
 * next/previous URLs.
 */
public final class Listing {

    private Listing() {
    }

    public static <T> ListEnvelope<T> page(ListDao<T> dao, UriInfo uri, Scope scope) {
        Map<String, List<String>> params = uri.getQueryParameters();
        refuseUnstorable(params);
        Page<T> page;
        ListQuery query;
        try {
            query = ListQuery.parse(dao.listSpec(), params, scope, Set.of());
            page = dao.list(query);
        } catch (ListQueryException e) {
            throw ApiException.badRequest(e.parameter(), e.getMessage(), e.allowed());
        }
        if (page.results().isEmpty() && query.page() > 1 && page.exact() && query.page() > page.lastPage()) {
            throw ApiException.badRequest("page", "page " + query.page() + " is out of range: the list has "
                    + page.total() + " row(s), so the last page is " + page.lastPage(),
                    "1 to " + page.lastPage());
        }
        String next = page.hasNext() ? pageUrl(uri, page.page() + 1) : null;
        String previous = page.hasPrevious() ? pageUrl(uri, page.page() - 1) : null;
        return new ListEnvelope<>(page.total(), next, previous, page.results());
    }

    private static String pageUrl(UriInfo uri, int page) {
        return uri.getRequestUriBuilder().replaceQueryParam("page", page).build().toString();
    }

    /** PostgreSQL cannot compare text holding a NUL character: refuse it here, naming the parameter. */
    private static void refuseUnstorable(Map<String, List<String>> params) {
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            boolean bad = e.getKey().indexOf('\0') >= 0 || e.getValue().stream().anyMatch(v -> v.indexOf('\0') >= 0);
            if (bad) {
                throw ApiException.badRequest(e.getKey().replace('\0', '?'),
                        "parameter '" + e.getKey().replace('\0', '?') + "' contains a NUL character",
                        "text without NUL characters");
            }
        }
    }
}
