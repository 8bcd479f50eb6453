package org.aptrust.registry.db.dao;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.ListSpec;
import org.aptrust.registry.db.list.Page;
import org.aptrust.registry.db.list.Scope;

/** Builds list queries the way the web and API do: from query-string parameters, through ListQuery.parse. */
final class ListCalls {

    private ListCalls() {
    }

    /** Key/value pairs; a repeated key collects several values (state__in=A&state__in=D). */
    static Map<String, List<String>> params(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.computeIfAbsent(kv[i], k -> new ArrayList<>()).add(kv[i + 1]);
        }
        return m;
    }

    static ListQuery query(ListSpec spec, Scope scope, String... kv) {
        return ListQuery.parse(spec, params(kv), scope, Set.of());
    }

    static ListQuery query(ListSpec spec, String... kv) {
        return query(spec, Scope.ALL, kv);
    }

    static <T> List<Long> ids(Page<T> page, Function<T, ? extends Number> id) {
        return page.results().stream().map(r -> id.apply(r).longValue()).toList();
    }

    static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
