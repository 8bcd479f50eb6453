package org.aptrust.registry.tools;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.aptrust.registry.db.dao.Daos;
import org.aptrust.registry.db.list.Combinations;
import org.aptrust.registry.db.list.Combinations.Combination;
import org.aptrust.registry.db.list.ListEngine;
import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.Page;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.stats.CellTotals;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * bench/combinations: times page 1 and its total of every filter parent x sort the lists offer
 * ({@link Combinations}, taken from the list specs), through the list engine as the service runs it, against the
 * largest object, the file with the most events, and the largest and the median institution (by objects) of a
 * seeded database. Prints every combination's median time, which of them filter first, and the worst ten as a
 * Markdown table.
 */
public final class CombinationBenchmark {

    /** Totals as the service finds them (RegistryApplication gives its list readers the same strategy). */
    private static final org.aptrust.registry.db.list.TotalsStrategy TOTALS = new CellTotals();

    private record Result(Combination combination, String parentLabel, long total, double ms, boolean filteredFirst,
                          String error) {
    }

    private CombinationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && Set.of("--runs", "--warmup", "--scale", "--user", "--password",
                    "--timeout-seconds", "--only", "--pg-options", "--http", "--api-user", "--api-key")
                    .contains(args[i])) {
                opts.put(args[i], args[++i]);
            } else {
                rest.add(args[i]);
            }
        }
        if (rest.size() != 1 + (rest.contains("--before") ? 1 : 0)) {
            System.err.println("usage: CombinationBenchmark [--before] [--runs N] [--warmup N] [--timeout-seconds S]"
                    + " [--only LIST] [--scale S|M|L] [--user U] [--password P] [--pg-options '-c x=y']"
                    + " [--http BASE_URL --api-user EMAIL --api-key KEY] JDBC_URL");
            System.exit(2);
        }
        int runs = Integer.parseInt(opts.getOrDefault("--runs", "3"));
        int warmup = Integer.parseInt(opts.getOrDefault("--warmup", "1"));
        int timeout = Integer.parseInt(opts.getOrDefault("--timeout-seconds", "30"));
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(rest.get(rest.size() - 1));
        ds.setUser(opts.getOrDefault("--user", System.getenv("PGUSER")));
        ds.setPassword(opts.getOrDefault("--password", System.getenv("PGPASSWORD")));
        ds.setApplicationName("registry-combinations-benchmark");
        // the service's connections' settings unless others are asked for
        ds.setOptions(opts.getOrDefault("--pg-options", Daos.SESSION_OPTIONS));
        Jdbi jdbi = Daos.configure(Jdbi.create(ds));
        if (rest.remove("--before")) {
            ListEngine.filterFirst(false);
        }
        Http http = opts.containsKey("--http") ? new Http(opts.get("--http"), opts.get("--api-user"),
                opts.get("--api-key"), timeout) : null;
        List<Result> results = new ArrayList<>();
        try (Handle h = jdbi.open()) {
            h.execute("SET statement_timeout = '" + timeout + "s'");
            Map<String, List<Object[]>> values = parentValues(h);
            values.forEach((parent, vs) -> vs.forEach(v -> System.out.println("# " + parent + " = " + v[0]
                    + " (" + v[1] + ")")));
            for (Combination c : Combinations.all()) {
                if (opts.containsKey("--only") && !c.spec().name().equals(opts.get("--only"))) {
                    continue;
                }
                List<Object[]> vs = c.parent() == null ? List.<Object[]>of(new Object[] {null, "all rows"})
                        : values.getOrDefault(c.parent(), List.of());
                for (Object[] v : vs) {
                    Result r = http != null ? http.time(c, v[0], String.valueOf(v[1]), runs, warmup)
                            : time(h, c, v[0], String.valueOf(v[1]), runs, warmup);
                    results.add(r);
                    System.out.printf(Locale.ROOT, "%-90s %-28s %12s %10.1f ms %s%s%n", c.name(), r.parentLabel(),
                            String.format(Locale.ROOT, "%,d", r.total()), r.error() != null ? -1.0 : r.ms(),
                            r.filteredFirst() ? "filtered first" : "", r.error() == null ? "" : " " + r.error());
                }
            }
        }
        results.sort(Comparator.comparingDouble(Result::ms).reversed());
        long timeoutMs = timeout * 1000L;
        System.out.println();
        System.out.println((opts.containsKey("--scale") ? "scale " + opts.get("--scale") + ", " : "")
                + (http != null ? "over HTTP, " : "") + results.size()
                + " combinations, median of " + runs + " runs after " + warmup + " warm-up; worst ten:");
        System.out.println();
        System.out.println("| combination | parent | total | ms | plan |");
        System.out.println("| --- | --- | ---: | ---: | --- |");
        for (Result r : results.subList(0, Math.min(10, results.size()))) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", r.combination().name(), r.parentLabel(),
                    r.total() < 0 ? "" : String.format(Locale.ROOT, "%,d", r.total()),
                    r.error() != null ? "over " + timeoutMs : String.format(Locale.ROOT, "%.1f", r.ms()),
                    r.error() != null ? r.error()
                            : http != null ? "HTTP" : r.filteredFirst() ? "filtered first" : "index");
        }
        long over100 = results.stream().filter(r -> r.ms() > 100).count();
        System.out.printf(Locale.ROOT, "%nover 100 ms: %d of %d; median %.1f ms%n", over100, results.size(),
                results.get(results.size() / 2).ms());
    }

    private static Result time(Handle h, Combination c, Object value, String label, int runs, int warmup) {
        ListQuery query = ListQuery.parse(c.spec(), c.params(value), Scope.ALL, Set.of());
        double[] ms = new double[runs];
        long total = -1;
        try {
            for (int i = 0; i < warmup; i++) {
                ListEngine.list(h, c.spec(), query, (rs, ctx) -> rs.getLong(1), TOTALS);
            }
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                Page<Long> page = ListEngine.list(h, c.spec(), query, (rs, ctx) -> rs.getLong(1), TOTALS);
                ms[i] = (System.nanoTime() - t0) / 1e6;
                total = page.total();
            }
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            return new Result(c, label, total, Double.MAX_VALUE,
                    false, m.contains("statement timeout") || m.contains("canceling") ? "timed out" : "failed: " + m);
        }
        Arrays.sort(ms);
        return new Result(c, label, total, ms[runs / 2], ListEngine.filtersFirst(h, c.spec(), query, TOTALS), null);
    }

    /**
     * --http: the same combinations as API requests to a running service, with an APTrust admin's API key (so every
     * row is in scope, as with {@link Scope#ALL} above): the member API's list of each entity, the admin API's for
     * storage records. The time is the whole request (page, total, JSON); the total is the response's count.
     */
    private static final class Http {
        private static final Map<String, String> ROUTES = Map.of("checksums", "/member-api/v3/checksums",
                "files", "/member-api/v3/files", "events", "/member-api/v3/events",
                "objects", "/member-api/v3/objects", "work_items", "/member-api/v3/items",
                "storage_records", "/admin-api/v3/storage_records");
        private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");
        private final HttpClient client = HttpClient.newHttpClient();
        private final String base;
        private final String user;
        private final String key;
        private final Duration timeout;

        Http(String base, String user, String key, int timeoutSeconds) {
            if (user == null || key == null) {
                throw new IllegalArgumentException("--http needs --api-user and --api-key (an APTrust admin's)");
            }
            this.base = base.replaceAll("/+$", "");
            this.user = user;
            this.key = key;
            this.timeout = Duration.ofSeconds(timeoutSeconds);
        }

        Result time(Combination c, Object value, String label, int runs, int warmup) {
            String route = ROUTES.get(c.spec().name());
            if (route == null) {
                return new Result(c, label, -1, Double.MAX_VALUE, false, "failed: no API route for this list");
            }
            StringBuilder q = new StringBuilder();
            c.params(value).forEach((k, vs) -> vs.forEach(v -> q.append(q.length() == 0 ? '?' : '&')
                    .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + route + q)).timeout(timeout)
                    .header("X-Pharos-API-User", user).header("X-Pharos-API-Key", key).build();
            double[] ms = new double[runs];
            long total = -1;
            try {
                for (int i = 0; i < warmup + runs; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                    double elapsed = (System.nanoTime() - t0) / 1e6;
                    if (r.statusCode() != 200) {
                        return new Result(c, label, -1, Double.MAX_VALUE, false, "failed: HTTP " + r.statusCode()
                                + " " + r.body().substring(0, Math.min(200, r.body().length())));
                    }
                    if (i >= warmup) {
                        ms[i - warmup] = elapsed;
                        Matcher m = COUNT.matcher(r.body());
                        total = m.find() ? Long.parseLong(m.group(1)) : -1;
                    }
                }
            } catch (HttpTimeoutException e) {
                return new Result(c, label, total, Double.MAX_VALUE, false, "timed out");
            } catch (IOException e) {
                return new Result(c, label, total, Double.MAX_VALUE, false, "failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(c, label, total, Double.MAX_VALUE, false, "interrupted");
            }
            Arrays.sort(ms);
            return new Result(c, label, total, ms[runs / 2], false, null);
        }
    }

    /** The values each parent is tried with, and what they are. */
    private static Map<String, List<Object[]>> parentValues(Handle h) {
        Map<String, List<Object[]>> v = new LinkedHashMap<>();
        h.createQuery("SELECT id, file_count FROM intellectual_objects ORDER BY file_count DESC, id LIMIT 1")
                .map((rs, ctx) -> new Object[] {rs.getLong(1), "largest object, " + rs.getLong(2) + " files"})
                .findOne().ifPresent(o -> v.put("intellectual_object_id", List.<Object[]>of(o)));
        h.createQuery("SELECT generic_file_id, count(*) FROM premis_events WHERE generic_file_id IS NOT NULL"
                        + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1")
                .map((rs, ctx) -> new Object[] {rs.getLong(1), "file with most events, " + rs.getLong(2)})
                .findOne().ifPresent(o -> v.put("generic_file_id", List.<Object[]>of(o)));
        List<Object[]> institutions = h.createQuery("SELECT i.id, (SELECT count(*) FROM intellectual_objects o"
                        + " WHERE o.institution_id = i.id) AS n FROM institutions i ORDER BY n DESC, i.id")
                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getLong(2)}).list();
        if (!institutions.isEmpty()) {
            Object[] largest = institutions.get(0);
            Object[] median = institutions.get(institutions.size() / 2);
            v.put("institution_id", List.of(
                    new Object[] {largest[0], "largest institution, " + largest[1] + " objects"},
                    new Object[] {median[0], "median institution, " + median[1] + " objects"}));
        }
        return v;
    }
}
