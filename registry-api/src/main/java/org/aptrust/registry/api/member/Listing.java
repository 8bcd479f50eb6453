package org.aptrust.registry.api.member;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.ws.rs.core.UriInfo;
import org.aptrust.registry.api.json.ApiException;
import org.aptrust.registry.api.json.ListEnvelope;
import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.ListQueryException;
import org.aptrust.registry.db.list.ListReader;
import org.aptrust.registry.db.list.ListTimeoutException;
import org.aptrust.registry.db.list.Page;
import org.aptrust.registry.db.list.Scope;

/**
 * Answers a list route: the query string through the list's whitelist (anything else is a 400 naming the
 * parameter and what is allowed), the caller's scope applied by the engine, and the original's envelope, whose
 * next/previous are the path and query of the neighbouring page ("" at either end).
 */
public final class Listing {

    private Listing() {
    }

    public static <T> ListEnvelope<T> page(ListReader<T> list, UriInfo uri, Scope scope) {
        Map<String, List<String>> params = uri.getQueryParameters();
        refuseUnstorable(params);
        Page<T> page;
        ListQuery query;
        try {
            query = list.parse(params, scope, Set.of());
            page = list.list(query);
        } catch (ListTimeoutException e) {
            throw new ApiException(503, e.getMessage(), e.parameter(), e.allowed());
        } catch (ListQueryException e) {
            throw ApiException.badRequest(e.parameter(), e.getMessage(), e.allowed());
        }
        // A page past the end is empty, not an error: the original answers it so, and scripts stop at it.
        String next = page.hasNext() ? pageLink(uri, params, page.page() + 1, page.perPage()) : "";
        String previous = page.hasPrevious() ? pageLink(uri, params, page.page() - 1, page.perPage()) : "";
        return new ListEnvelope<>(page.total(), next, previous, page.results());
    }

    /**
     * The original's link to another page: the request's path, then its query with page and per_page set, keys in
     * sorted order and every key and value escaped as Go's url.QueryEscape does (its url.Values.Encode), so a
     * client appends it to the host it called.
     */
    static String pageLink(UriInfo uri, Map<String, List<String>> params, int page, int perPage) {
        Map<String, List<String>> query = new TreeMap<>(params);
        query.put("page", List.of(String.valueOf(page)));
        query.put("per_page", List.of(String.valueOf(perPage)));
        StringBuilder link = new StringBuilder(uri.getRequestUri().getRawPath()).append('?');
        String separator = "";
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            for (String value : e.getValue()) {
                link.append(separator).append(queryEscape(e.getKey())).append('=').append(queryEscape(value));
                separator = "&";
            }
        }
        return link.toString();
    }

    /** Go's url.QueryEscape: letters, digits and -_.~ as they are, a space as +, every other byte as %XX. */
    static String queryEscape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append(c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

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
