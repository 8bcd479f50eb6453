package org.aptrust.registry.web.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parameters of a page's URL, to build links that change one thing (sort, page, per page, format). */
public final class QueryString {

    private final Map<String, List<String>> params;

    private QueryString(Map<String, List<String>> params) {
        this.params = params;
    }

    public static QueryString of(Map<String, List<String>> params) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return new QueryString(copy);
    }

    public static QueryString empty() {
        return new QueryString(new LinkedHashMap<>());
    }

    public List<String> all(String key) {
        return params.getOrDefault(key, List.of());
    }

    public String first(String key) {
        List<String> v = all(key);
        return v.isEmpty() ? null : v.get(0);
    }

    public Map<String, List<String>> asMap() {
        return params;
    }

    public QueryString with(String key, String value) {
        QueryString q = without(key);
        q.params.put(key, List.of(value));
        return q;
    }

    public QueryString without(String... keys) {
        Map<String, List<String>> copy = new LinkedHashMap<>(params);
        for (String k : keys) {
            copy.remove(k);
        }
        return new QueryString(copy);
    }

    /** Only the parameters that carry a value (empty form fields dropped), for tidy links. */
    public QueryString nonEmpty() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            List<String> kept = v.stream().filter(s -> s != null && !s.isBlank()).toList();
            if (!kept.isEmpty()) {
                copy.put(k, kept);
            }
        });
        return new QueryString(copy);
    }

    /** {@code path?k=v&...}, or just the path when there are no parameters. */
    public String link(String path) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, vs) -> vs.forEach(v -> parts.add(enc(k) + "=" + enc(v))));
        return parts.isEmpty() ? path : path + "?" + String.join("&", parts);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
