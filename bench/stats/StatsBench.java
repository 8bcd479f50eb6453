import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.aptrust.registry.db.list.ListEngine;
import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.ListSpec;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.list.Op;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.list.SqlWhere;
import org.aptrust.registry.db.list.Total;
import org.aptrust.registry.db.list.ValueType;
import org.aptrust.registry.db.stats.CellTotals;
import org.aptrust.registry.db.stats.FunctionOutcome;
import org.aptrust.registry.db.stats.StatsDao;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The stats benchmark (run by bench/stats/run.sh): "full" times every job forced from scratch and the list totals;
 * "incremental" (after add_one_percent.sql) times the totals with the changes not folded yet, then every job's
 * incremental run, and prints both phases with their ratio as a Markdown table.
 */
public class StatsBench {

    static final ListSpec FILES = ListSpec.builder("files", "generic_files")
            .filter("institution_id", ValueType.INTEGER).filter("state", ValueType.TEXT)
            .filter("storage_option", ValueType.TEXT, Op.EQ, Op.IN)
            .filter("created_at", ValueType.TIMESTAMP, Op.GTEQ, Op.LTEQ)
            .filter("size", ValueType.BIGINT, Op.GTEQ, Op.LTEQ)
            .filter("identifier", ValueType.TEXT, Op.STARTS_WITH)
            .filter("intellectual_object_id", ValueType.INTEGER).cells(Lists.FILES.cells()).build();
    static final ListSpec EVENTS = ListSpec.builder("events", "premis_events_view")
            .filter("institution_id", ValueType.INTEGER).filter("event_type", ValueType.TEXT)
            .filter("outcome", ValueType.TEXT).filter("generic_file_id", ValueType.INTEGER, Op.EQ, Op.IS_NULL)
            .filter("date_time", ValueType.TIMESTAMP, Op.GTEQ, Op.LTEQ).cells(Lists.EVENTS.cells()).build();
    static final ListSpec OBJECTS = ListSpec.builder("objects", "intellectual_objects_view")
            .filter("institution_id", ValueType.INTEGER).filter("state", ValueType.TEXT)
            .filter("institution_parent_id", ValueType.INTEGER)
            .filter("identifier", ValueType.TEXT, Op.STARTS_WITH)
            .filter("created_at", ValueType.TIMESTAMP, Op.GTEQ, Op.LTEQ).cells(Lists.OBJECTS.cells()).build();
    static final ListSpec ITEMS = ListSpec.builder("work items", "work_items_view")
            .filter("institution_id", ValueType.INTEGER).filter("status", ValueType.TEXT, Op.EQ, Op.IN)
            .filter("action", ValueType.TEXT, Op.EQ, Op.IN).filter("stage", ValueType.TEXT, Op.EQ, Op.IN)
            .filter("date_processed", ValueType.TIMESTAMP, Op.GTEQ, Op.LTEQ).cells(Lists.WORK_ITEMS.cells())
            .build();
    static final ListSpec CHECKSUMS = ListSpec.builder("checksums", "checksums_view")
            .filter("institution_id", ValueType.INTEGER).filter("algorithm", ValueType.TEXT)
            .cells(Lists.CHECKSUMS.cells()).build();

    record Case(ListSpec spec, String query, Integer institution) {
        String label() {
            return spec.name() + " " + (query.isEmpty() ? "(all)" : query) + (institution == null ? "" : " [inst "
                    + institution + "]");
        }
    }

    static final List<Case> CASES = List.of(
            new Case(FILES, "", null), new Case(FILES, "state=A", 3),
            new Case(FILES, "storage_option__in=Standard&storage_option__in=Wasabi-OR&state=A", null),
            new Case(FILES, "created_at__gteq=2019-03-15&created_at__lteq=2021-07-20T12:00:00", null),
            new Case(FILES, "size__gteq=1000000", 4), new Case(FILES, "intellectual_object_id=42", null),
            new Case(EVENTS, "", null), new Case(EVENTS, "event_type=fixity check&outcome=Failed", null),
            new Case(EVENTS, "date_time__gteq=2024-02-10&date_time__lteq=2024-05-03", 7),
            new Case(EVENTS, "generic_file_id__is_null=true", 2),
            new Case(OBJECTS, "state=A", null), new Case(OBJECTS, "institution_parent_id=3", null),
            new Case(OBJECTS, "identifier__starts_with={inst3}/bag_00000", 3),
            new Case(ITEMS, "status__in=Pending&status__in=Started&action=Ingest", null),
            new Case(ITEMS, "date_processed__gteq=2025-01-01", 5),
            new Case(CHECKSUMS, "algorithm=sha256", 6));

    public static void main(String[] args) throws Exception {
        String phase = args[0];
        Jdbi jdbi = Jdbi.create(args[1]).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
        Path state = Path.of(args[2]);
        Properties p = new Properties();
        if (Files.exists(state)) {
            try (var in = Files.newBufferedReader(state)) {
                p.load(in);
            }
        }
        try (Handle h = jdbi.open()) {
            StatsDao dao = h.attach(StatsDao.class);
            if (phase.equals("full")) {
                totals(h, p, "full");
                job(p, "full.counts", () -> dao.refreshCounts(true));
                job(p, "full.current", () -> dao.refreshCurrentDeposits(true, 0));
                job(p, "full.historical", () -> dao.refreshHistoricalDeposits(true));
                h.execute("DELETE FROM historical_deposit_stats WHERE file_count = 0"
                        + " AND NOT (institution_id IS NULL AND storage_option = 'Total')");
                job(p, "full.empty", () -> dao.refreshEmptyDeposits(true));
            } else {
                totals(h, p, "incremental");
                job(p, "incremental.counts", () -> dao.refreshCounts(false));
                job(p, "incremental.current", () -> dao.refreshCurrentDeposits(false, 0));
                h.execute("DELETE FROM historical_deposit_stats WHERE end_date = (SELECT max(end_date)"
                        + " FROM historical_deposit_stats)");
                job(p, "incremental.historical", () -> dao.refreshHistoricalDeposits(false));
                h.execute("DELETE FROM historical_deposit_stats WHERE file_count = 0 AND end_date ="
                        + " (SELECT max(end_date) FROM historical_deposit_stats)");
                job(p, "incremental.empty", () -> dao.refreshEmptyDeposits(false));
                report(p, h);
            }
        }
        try (var out = Files.newBufferedWriter(state)) {
            p.store(out, "stats bench");
        }
    }

    interface Run {
        FunctionOutcome call();
    }

    static void job(Properties p, String key, Run run) {
        long t0 = System.nanoTime();
        FunctionOutcome o = run.call();
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        p.setProperty(key, Long.toString(ms));
        p.setProperty(key + ".detail", o.outcome() + ": " + o.detail());
        System.out.printf("%-24s %7d ms  %s: %s%n", key, ms, o.outcome(), o.detail());
    }

    static void totals(Handle h, Properties p, String phase) {
        CellTotals totals = new CellTotals();
        // db seed tags its identifiers with a word of its own (u3-<tag>.edu): {inst3} is institution 3's.
        String inst3 = h.createQuery("SELECT identifier FROM institutions WHERE id = 3").mapTo(String.class).one();
        for (int i = 0; i < CASES.size(); i++) {
            Case c = new Case(CASES.get(i).spec(), CASES.get(i).query().replace("{inst3}", inst3),
                    CASES.get(i).institution());
            Map<String, List<String>> params = new LinkedHashMap<>();
            if (!c.query().isEmpty()) {
                for (String kv : c.query().split("&")) {
                    String[] x = kv.split("=", 2);
                    params.computeIfAbsent(x[0], k -> new ArrayList<>()).add(x[1]);
                }
            }
            SqlWhere w = ListEngine.where(c.spec(), ListQuery.parse(c.spec(), params,
                    c.institution() == null ? Scope.ALL : Scope.institution(c.institution()), Set.of()));
            long[] ns = new long[21];
            Total t = null;
            for (int r = 0; r < ns.length; r++) {
                long t0 = System.nanoTime();
                t = totals.total(h, c.spec(), w);
                ns[r] = System.nanoTime() - t0;
            }
            long[] runs = Arrays.copyOfRange(ns, 1, ns.length);
            Arrays.sort(runs);
            double p50 = runs[runs.length / 2] / 1e6;
            double p95 = runs[(int) Math.ceil(runs.length * 0.95) - 1] / 1e6;
            String exact = "";
            if (phase.equals("incremental") && t.exact()) {
                long counted = h.createQuery("SELECT count(*) FROM " + c.spec().relation() + w.clause())
                        .bindMap(w.params()).mapTo(Long.class).one();
                exact = counted == t.value() ? " (= count(*))" : " (count(*) says " + counted + "!)";
            }
            p.setProperty("totals." + phase + "." + i, String.format("| %s | %s%d%s | %.1f | %.1f |", c.label(),
                    t.exact() ? "" : "about ", t.value(), exact, p50, p95));
            System.out.println(p.getProperty("totals." + phase + "." + i));
        }
    }

    static void report(Properties p, Handle h) {
        System.out.println();
        System.out.println("| job | full refresh (forced) | after 1% new rows | ratio |");
        System.out.println("| --- | ---: | ---: | ---: |");
        for (String job : List.of("counts", "current", "historical", "empty")) {
            long full = Long.parseLong(p.getProperty("full." + job));
            long inc = Long.parseLong(p.getProperty("incremental." + job));
            System.out.printf("| %s | %d ms | %d ms | %.1f %% |%n", job, full, inc, 100.0 * inc / Math.max(1, full));
        }
        System.out.println();
        System.out.println("| list total (1% new rows not folded yet) | total | p50 ms | p95 ms |");
        System.out.println("| --- | ---: | ---: | ---: |");
        for (int i = 0; i < CASES.size(); i++) {
            System.out.println(p.getProperty("totals.incremental." + i));
        }
    }
}
