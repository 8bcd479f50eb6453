package org.aptrust.registry.tools;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.aptrust.registry.db.dao.Daos;
import org.aptrust.registry.db.dao.RecordMapper;
import org.aptrust.registry.db.list.ListEngine;
import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.ListSpec;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.list.Page;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.list.TotalsStrategy;
import org.aptrust.registry.db.model.GenericFile;
import org.aptrust.registry.db.model.IntellectualObject;
import org.aptrust.registry.db.model.PremisEvent;
import org.aptrust.registry.db.model.WorkItem;
import org.aptrust.registry.db.stats.CellTotals;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The list benchmark (run it with bench/lists): on a seeded database, times realistic list requests through the
 * DAOs (page and total together, as the API and web pages call them) and the very same SQL sent by psql, and
 * prints p50/p95 per request. With --write it puts the table into docs/BENCHMARKS.md, one section per scale.
 *
 * <p>The SQL for psql is what the DAO really executed, captured from the JDBC driver with its parameters filled
 * in, so the comparison measures the DAO's own cost (Jdbi, mapping, the driver) and nothing else.
 */
public final class ListBenchmark {

    /**
     * One request.
     *
     * @param original what the original's views and OFFSET paging took for the same request (from the issue's
     *                 measurements on this machine, PostgreSQL 15), by scale, or empty
     */
    private record Scenario(String name, Map<String, Double> original, RowMapper<?> mapper,
                            ListSpec spec, Scope scope, String... params) {
        Scenario(String name, RowMapper<?> mapper, ListSpec spec, Scope scope, String... params) {
            this(name, Map.of(), mapper, spec, scope, params);
        }
    }

    private record Result(Scenario scenario, int rows, long total, double daoP50, double daoP95, double sqlP50,
                          double sqlP95, List<String> sql) {
    }

    /** A statement the DAO executed, with its values filled in, and whether it ran inside a transaction. */
    record Captured(String sql, boolean inTransaction) {
    }

    /** Totals as the service finds them (RegistryApplication gives its list readers the same strategy). */
    private static final TotalsStrategy TOTALS = new CellTotals();

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final int runs;
    private final int warmupSeconds;

    private ListBenchmark(String jdbcUrl, String user, String password, int runs, int warmupSeconds) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.runs = runs;
        this.warmupSeconds = warmupSeconds;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && Set.of("--runs", "--scale", "--write", "--user", "--password",
                    "--warmup-seconds")
                    .contains(args[i])) {
                opts.put(args[i], args[++i]);
            } else {
                rest.add(args[i]);
            }
        }
        if (rest.size() != 1) {
            System.err.println("usage: ListBenchmark [--runs N] [--warmup-seconds S] [--scale S|M|L] [--user U]"
                    + " [--password P]"
                    + " [--write docs/BENCHMARKS.md] JDBC_URL");
            System.exit(2);
        }
        ListBenchmark bench = new ListBenchmark(rest.get(0), opts.getOrDefault("--user", System.getenv("PGUSER")),
                opts.getOrDefault("--password", System.getenv("PGPASSWORD")),
                Integer.parseInt(opts.getOrDefault("--runs", "30")),
                Integer.parseInt(opts.getOrDefault("--warmup-seconds", "20")));
        String scale = opts.getOrDefault("--scale", "?");
        List<Result> results = bench.run();
        String table = table(results, scale);
        String machine = bench.machine();
        System.out.println("scale " + scale + "; " + machine);
        System.out.println(table);
        if (opts.containsKey("--write")) {
            writeSection(Path.of(opts.get("--write")), scale, machine, bench.runs, table);
            System.out.println("written to " + opts.get("--write"));
        }
    }

    private Jdbi jdbi(List<Captured> captured) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl);
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        ds.setApplicationName("registry-list-benchmark");
        ds.setOptions(Daos.SESSION_OPTIONS); // as the service's connections
        Jdbi jdbi = Daos.configure(Jdbi.create(ds));
        jdbi.getConfig(SqlStatements.class).addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement stmt, StatementContext ctx) throws SQLException {
                // pgjdbc renders a prepared statement with its parameters as literals. A statement run inside a
                // transaction (a total's count under its own timeout) is replayed inside one too, so that psql
                // runs it under the same settings.
                captured.add(new Captured(stmt.toString(), !stmt.getConnection().getAutoCommit()));
            }
        });
        return jdbi;
    }

    private List<Result> run() throws Exception {
        List<Captured> captured = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        try (Handle h = jdbi(captured).open(); Psql psql = new Psql()) {
            List<Scenario> scenarios = scenarios(h);
            // The JVM compiles hot code only after some thousand calls (a running service is past that point): run
            // every request for a while before timing any, or the figures measure the interpreter.
            long warmUntil = System.nanoTime() + warmupSeconds * 1_000_000_000L;
            int rounds = 0;
            while (rounds < 10 || System.nanoTime() < warmUntil) {
                for (Scenario s : scenarios) {
                    ListEngine.list(h, s.spec(), ListQuery.parse(s.spec(), params(s.params()), s.scope(), Set.of()),
                            s.mapper(), TOTALS);
                }
                rounds++;
            }
            System.err.println("warm-up: " + rounds + " rounds of " + scenarios.size() + " requests");
            for (Scenario s : scenarios) {
                ListQuery q = ListQuery.parse(s.spec(), params(s.params()), s.scope(), Set.of());
                captured.clear();
                Page<?> page = ListEngine.list(h, s.spec(), q, s.mapper(), TOTALS);
                List<String> sql = withTransactions(captured);
                for (int i = 0; i < 3; i++) {
                    ListEngine.list(h, s.spec(), q, s.mapper(), TOTALS); // warm up both: caches, the driver, psql's backend
                    psql.time(sql);
                }
                // DAO and psql take turns, so that both see the same load on the machine
                double[] daoMs = new double[runs];
                double[] sqlMs = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    ListEngine.list(h, s.spec(), q, s.mapper(), TOTALS);
                    daoMs[i] = (System.nanoTime() - t0) / 1e6;
                    sqlMs[i] = psql.time(sql);
                }
                results.add(new Result(s, page.results().size(), page.total(), pct(daoMs, 50), pct(daoMs, 95),
                        pct(sqlMs, 50), pct(sqlMs, 95), sql));
                System.err.printf(Locale.ROOT, "%-62s dao p50 %7.2f ms  psql p50 %7.2f ms%n", s.name(),
                        pct(daoMs, 50), pct(sqlMs, 50));
            }
        }
        return results;
    }

    /** The captured statements with BEGIN and COMMIT around those the DAO ran inside a transaction. */
    static List<String> withTransactions(List<Captured> captured) {
        List<String> replay = new ArrayList<>();
        boolean open = false;
        for (Captured c : captured) {
            boolean inTx = c.inTransaction();
            if (inTx && !open) {
                replay.add("BEGIN");
            } else if (!inTx && open) {
                replay.add("COMMIT");
            }
            open = inTx;
            replay.add(c.sql());
        }
        if (open) {
            replay.add("COMMIT");
        }
        return replay;
    }

    /** The requests: for objects, files, events and work items, page 1, page 500, heavy sorts, real filters. */
    private static List<Scenario> scenarios(Handle h) {
        int inst = h.createQuery("SELECT institution_id FROM intellectual_objects GROUP BY 1 ORDER BY count(*) DESC"
                + " LIMIT 1").mapTo(Integer.class).one();
        String instIdentifier = h.createQuery("SELECT identifier FROM institutions WHERE id = :id").bind("id", inst)
                .mapTo(String.class).one();
        int largestObject = h.createQuery("SELECT id FROM intellectual_objects ORDER BY file_count DESC, id LIMIT 1")
                .mapTo(Integer.class).one();
        int largestObjectFiles = h.createQuery("SELECT file_count FROM intellectual_objects WHERE id = :id")
                .bind("id", largestObject).mapTo(Integer.class).one();
        int aFile = h.createQuery("SELECT min(id) + (max(id) - min(id)) / 2 FROM generic_files")
                .mapTo(Integer.class).one();
        LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusYears(1);
        String from = month.toString();
        String to = month.plusMonths(1).toString();
        Scope all = Scope.ALL;
        Scope one = Scope.institution(inst);
        RowMapper<IntellectualObject> o = RecordMapper.of(IntellectualObject.class);
        RowMapper<GenericFile> f = RecordMapper.of(GenericFile.class);
        RowMapper<PremisEvent> e = RecordMapper.of(PremisEvent.class);
        RowMapper<WorkItem> w = RecordMapper.of(WorkItem.class);
        return List.of(
                new Scenario("objects: page 1, default sort (updated_at desc)", o, Lists.OBJECTS, all),
                new Scenario("objects: page 500, default sort", Map.of("M", 700.0), o, Lists.OBJECTS, all, "page",
                        "500"),
                new Scenario("objects: active, by size desc", Map.of("M", 2_000.0, "L", 23_700.0), o, Lists.OBJECTS,
                        all, "state", "A", "sort", "size__desc"),
                new Scenario("objects: by file_count desc, page 500", o, Lists.OBJECTS, all, "sort", "file_count__desc",
                        "page", "500"),
                new Scenario("objects: one institution, active (nav link)", Map.of("L", 1_400.0), o, Lists.OBJECTS,
                        one, "state", "A"),
                new Scenario("objects: one institution, active, by file_count desc", Map.of("M", 150.0), o,
                        Lists.OBJECTS, one, "state", "A", "sort", "file_count__desc"),
                new Scenario("objects: identifier starts_with", o, Lists.OBJECTS, all, "identifier__starts_with",
                        instIdentifier + "/bag_0001"),
                new Scenario("objects: created in one month", o, Lists.OBJECTS, all, "created_at__gteq", from,
                        "created_at__lt", to),
                new Scenario("files: page 1, default sort (updated_at desc)", f, Lists.FILES, all),
                new Scenario("files: page 500, default sort", f, Lists.FILES, all, "page", "500"),
                new Scenario("files: one institution, active", f, Lists.FILES, one, "state", "A"),
                new Scenario("files: of the largest object (" + largestObjectFiles + " files)",
                        Map.of("M", 645.0, "L", 14_000.0), f, Lists.FILES, all, "intellectual_object_id",
                        String.valueOf(largestObject)),
                new Scenario("files: largest object, page 100 by size desc", f, Lists.FILES, all,
                        "intellectual_object_id", String.valueOf(largestObject), "sort", "size__desc", "page", "100"),
                new Scenario("files: updated in one month", f, Lists.FILES, all, "updated_at__gteq", from,
                        "updated_at__lt", to),
                new Scenario("events: page 1, default sort (date_time desc)", Map.of("M", 68.0), e, Lists.EVENTS,
                        all),
                new Scenario("events: page 500, default sort", e, Lists.EVENTS, all, "page", "500"),
                new Scenario("events: one month (date range)", Map.of("M", 160.0, "L", 1_400.0), e, Lists.EVENTS,
                        all, "date_time__gteq", from, "date_time__lt", to),
                new Scenario("events: one institution, failed fixity checks", e, Lists.EVENTS, one, "event_type",
                        "fixity check", "outcome", "Failed"),
                new Scenario("events: one institution, page 500", e, Lists.EVENTS, one, "page", "500"),
                new Scenario("events: of one file", e, Lists.EVENTS, all, "generic_file_id", String.valueOf(aFile)),
                new Scenario("work items: page 1, default sort (updated_at desc)", w, Lists.WORK_ITEMS, all),
                new Scenario("work items: page 500, default sort", w, Lists.WORK_ITEMS, all, "page", "500"),
                new Scenario("work items: status in (Pending, Started, Suspended)", w, Lists.WORK_ITEMS, all,
                        "status__in", "Pending", "status__in", "Started", "status__in", "Suspended"),
                new Scenario("work items: one institution, ingests", w, Lists.WORK_ITEMS, one, "action", "Ingest"),
                new Scenario("work items: processed in one month, failed", w, Lists.WORK_ITEMS, all,
                        "date_processed__gteq", from, "date_processed__lt", to, "status", "Failed"),
                // Sorts the original's clients send that no index serves: a plain ORDER BY with the id tiebreak,
                // under the engine's 10 s timeout.
                new Scenario("unindexed sort: objects by title", o, Lists.OBJECTS, all, "sort", "title"),
                new Scenario("unindexed sort: objects by id, 25 a page (apt-cmd)", o, Lists.OBJECTS, all, "sort", "id",
                        "per_page", "25"),
                new Scenario("unindexed sort: files by file_format desc", f, Lists.FILES, all, "sort",
                        "file_format__desc"),
                new Scenario("unindexed sort: files of the largest object by identifier", f, Lists.FILES, all,
                        "intellectual_object_id", String.valueOf(largestObject), "sort", "identifier__asc"),
                new Scenario("unindexed sort: events of one institution by outcome desc", e, Lists.EVENTS, one, "sort",
                        "outcome__desc"),
                new Scenario("unindexed sort: work items by name", w, Lists.WORK_ITEMS, all, "sort", "name"));
    }

    private static Map<String, List<String>> params(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.computeIfAbsent(kv[i], k -> new ArrayList<>()).add(kv[i + 1]);
        }
        return m;
    }

    /**
     * One psql session for the whole benchmark, fed statements on its standard input; its own \\timing says how
     * long each took (the round trip from psql to the server and back, rows included).
     */
    private final class Psql implements AutoCloseable {
        private static final String END = "__list_benchmark_run_end__";
        private static final Pattern TIME = Pattern.compile("^Time: ([0-9.]+) ms");
        private final Process process;
        private final java.io.Writer in;
        private final java.io.BufferedReader out;

        Psql() throws IOException {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            // stdbuf: psql's output is a pipe here; line buffering lets us read each run's timings as it ends
            List<String> cmd = new ArrayList<>(List.of("stdbuf", "-oL", "psql", "-X", "-q", "-h", uri.getHost(),
                    "-p", String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()), "-d", uri.getPath().substring(1)));
            if (user != null) {
                cmd.addAll(List.of("-U", user));
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (password != null) {
                pb.environment().put("PGPASSWORD", password);
            }
            process = pb.start();
            in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            // A count that runs out of its budget fails in psql as it does in the DAO; psql goes on, as the DAO does.
            in.write("\\set ON_ERROR_STOP 0\n\\o /dev/null\n\\timing on\n");
        }

        /** Runs the statements once; returns their summed time in ms. */
        double time(List<String> statements) throws IOException {
            for (String s : statements) {
                in.write(s + ";\n");
            }
            in.write("\\echo " + END + "\n");
            in.flush();
            double total = 0;
            int timings = 0;
            StringBuilder seen = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals(END)) {
                    if (timings != statements.size()) {
                        throw new IllegalStateException("psql gave " + timings + " timings for " + statements.size()
                                + " statements: " + seen);
                    }
                    return total;
                }
                if (line.startsWith("ERROR:") && !line.contains("statement timeout")) {
                    throw new IllegalStateException("psql: " + line + " in " + statements);
                }
                Matcher m = TIME.matcher(line);
                if (m.find()) {
                    total += Double.parseDouble(m.group(1));
                    timings++;
                } else {
                    seen.append(line).append('\n');
                }
            }
            throw new IllegalStateException("psql ended: " + seen);
        }

        @Override
        public void close() throws IOException {
            in.close();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroy();
        }
    }

    static double pct(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private String machine() {
        int cores = Runtime.getRuntime().availableProcessors();
        String mem = "?";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    mem = Math.round(kb / 1024.0 / 1024.0) + " GiB";
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: leave it unknown
        }
        List<Captured> none = new ArrayList<>();
        String version;
        try (Handle h = jdbi(none).open()) {
            version = h.createQuery("SHOW server_version").mapTo(String.class).one();
        }
        return String.format(Locale.ROOT, "%d cores, %s RAM, PostgreSQL %s, %s", cores, mem, version,
                LocalDate.now(ZoneOffset.UTC));
    }

    private static String table(List<Result> results, String scale) {
        StringBuilder sb = new StringBuilder();
        sb.append("| request | rows | total | DAO p50 ms | DAO p95 ms | psql p50 ms | psql p95 ms | DAO / psql (p50)"
                + " | original ms | faster (p50) |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Result r : results) {
            Double original = r.scenario().original().get(scale);
            sb.append(String.format(Locale.ROOT, "| %s | %d | %,d | %.2f | %.2f | %.2f | %.2f | %.2f | %s | %s |%n",
                    r.scenario().name(), r.rows(), r.total(), r.daoP50(), r.daoP95(), r.sqlP50(), r.sqlP95(),
                    r.daoP50() / Math.max(0.001, r.sqlP50()),
                    original == null ? "" : String.format(Locale.ROOT, "%,.0f", original),
                    original == null ? "" : String.format(Locale.ROOT, "%,.0f×", original / r.daoP50())));
        }
        return sb.toString();
    }

    /** Replaces (or appends) this scale's section of the benchmarks file, between markers. */
    static void writeSection(Path file, String scale, String machine, int runs, String table) throws IOException {
        String begin = "<!-- lists:" + scale + ":begin -->";
        String end = "<!-- lists:" + scale + ":end -->";
        String section = begin + "\n### Scale " + scale + "\n\n" + machine + "; " + runs + " runs per request"
                + " after a warm-up of every request (the JIT), DAO and psql taking turns; times are page and total"
                + " together, totals from the count cells as in the service. \"original\" is"
                + " what the original's views and OFFSET paging took for that request (issue 3's figures);"
                + " \"faster\" compares it with our DAO p50 (the original's figures are single warm runs).\n\n" + table
                + end;
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n## Lists\n\n";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b >= 0 && e > b) {
            text = text.substring(0, b) + section + text.substring(e + end.length());
        } else {
            text = text.stripTrailing() + "\n\n" + section + "\n";
        }
        Files.writeString(file, text);
    }
}
