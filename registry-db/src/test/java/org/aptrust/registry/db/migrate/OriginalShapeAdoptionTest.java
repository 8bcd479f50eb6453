package org.aptrust.registry.db.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.aptrust.registry.db.fixtures.FixtureFiles;
import org.aptrust.registry.db.fixtures.FixtureLoader;
import org.aptrust.registry.db.migrate.MigrationState.Status;
import org.aptrust.registry.db.testing.OriginalShape;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Adopting a database that the original Registry built: not one that our own 000 built.
 *
 * <p>Two test resources in {@code original-shape/}: {@code original-catalog.csv}, the facts read off a database
 * built by the original's schema.sql and its migrations 007-012 (every relation's columns in order with their
 * types, every index, constraint and function), and {@code schema.sql}, a database of that shape without any
 * schema_migrations rows (made by bench/adopt/make-original-shape.sh). The facts are what both are checked
 * against: our files 000-012 must build that catalog, the resource must be it, and migrating must keep every
 * original relation's columns where they were.
 */
class OriginalShapeAdoptionTest {

    /** The two states an original database is found in. */
    enum History {
        /** Built from the original's current schema.sql, which folds 001-006 in: rows for 007-012 only. */
        SCHEMA_SQL_THEN_007_TO_012("007_spot_restore"),
        /** A production database whose team ran every file by hand: rows for 001-012. */
        EVERY_FILE_BY_HAND("001_deposit_stats");

        final String first;

        History(String first) {
            this.first = first;
        }
    }

    /** Where our catalog may differ from the facts, and why. Everything else must match exactly. */
    private static final Set<String> OURS_ONLY = Set.of(
            // Our helper routines for idempotent DDL (000).
            "function relation_has_column(rel_name text, col_name text)",
            "function create_function_unless_newer(IN fn_signature text, IN migration text, IN create_sql text)",
            // Our additions in 005 and 011 (an adopted database gets them from 019).
            "index historical_deposit_stats ix_historical_all_inst_opt_date",
            "index work_items index_work_items_on_deletion_request_id",
            // The original's 007 adds this key when run; its schema.sql leaves it out (019 adds it).
            "index ar_internal_metadata ar_internal_metadata_pkey",
            "constraint ar_internal_metadata ar_internal_metadata_pkey");

    /** The original's dead functions (nothing calls them): no file of ours creates them; an adopted one keeps its. */
    private static final Set<String> ORIGINAL_ONLY = Set.of(
            "function populate_current_deposit_stats()", "function populate_deposit_stats(stop_date date)");

    private final List<Migration> files = MigrationFiles.fromClasspath();
    private final List<String> log = new ArrayList<>();
    private TestDatabase db;

    @BeforeEach
    void freshDatabase() {
        db = TestPostgres.emptyDatabase();
    }

    @AfterEach
    void dropIt() {
        db.drop();
    }

    @Test
    void ourFilesUpTo012BuildTheOriginalsCatalog() throws Exception {
        List<Migration> upTo012 = files.stream().filter(m -> m.version().compareTo("013") < 0).toList();
        new MigrationRunner(db.dataSource(), upTo012, MigrationSettings.defaults(), log::add).migrate(false);
        try (Connection c = db.connect()) {
            assertSameCatalogAsTheFacts(catalog(c), Set.of());
        }
    }

    @Test
    void theOriginalShapedResourceIsTheOriginalsCatalog() throws Exception {
        try (Connection c = db.connect()) {
            buildOriginalShape(c);
            // The resource is made from our 000-012 without our additions, so only the original's dead
            // functions and the key its schema.sql lacks may differ.
            assertSameCatalogAsTheFacts(catalog(c), Set.of(
                    "index ar_internal_metadata ar_internal_metadata_pkey",
                    "constraint ar_internal_metadata ar_internal_metadata_pkey"));
        }
    }

    @ParameterizedTest
    @EnumSource(History.class)
    void adoptsAnOriginalDatabaseKeepingEveryColumnRowAndViewRow(History history) throws Exception {
        Map<String, List<String>> originalColumns;
        Map<String, String> rowsBefore;
        try (Connection c = db.connect()) {
            buildOriginalShape(c);
            recordHistoryByHand(c, history);
            new FixtureLoader(line -> { }).load(c, FixtureFiles.classpath());
            refreshMaterializedViews(c);
            originalColumns = relationColumns(c);
            rowsBefore = rowsOfEveryRelation(c, originalColumns);
        }

        MigrationRunner runner = new MigrationRunner(db.dataSource(), files, MigrationSettings.defaults(), log::add);
        Map<String, Status> before = statuses(runner.status());
        for (Migration m : files) {
            String v = m.version();
            Status expected;
            if (v.startsWith("000")) {
                expected = Status.PENDING;             // it only adds what is missing, so it runs
            } else if (v.compareTo(history.first) < 0) {
                expected = Status.FOLDED;              // inside the original's schema.sql
            } else if (v.compareTo("013") < 0) {
                expected = Status.ADOPTED;             // recorded by hand
            } else {
                expected = Status.PENDING;             // ours
            }
            assertThat(before.get(v)).as(v).isEqualTo(expected);
        }
        String statusText = MigrationRunner.format(runner.status());
        assertThat(statusText).contains("recorded by hand");
        if (history == History.SCHEMA_SQL_THEN_007_TO_012) {
            assertThat(statusText).contains("folded").contains("in the original's schema already");
        }

        List<String> applied = runner.migrate(false);
        assertThat(applied).first().isEqualTo("000_initial_schema");
        assertThat(applied).filteredOn(v -> !v.startsWith("000")).allMatch(v -> v.compareTo("013") >= 0);
        assertThat(log).filteredOn(l -> l.startsWith("adopted "))
                .hasSize((int) files.stream().filter(m -> !m.version().startsWith("000")
                        && m.version().compareTo(history.first) < 0).count());

        Map<String, Status> after = statuses(runner.status());
        assertThat(after.values()).allMatch(s -> s == Status.APPLIED || s == Status.ADOPTED);
        assertThat(runner.migrate(false)).as("a second run applies nothing").isEmpty();
        if (history == History.SCHEMA_SQL_THEN_007_TO_012) {
            assertThat(MigrationRunner.format(runner.status())).contains(MigrationRunner.FOLDED_NOTE);
        }

        try (Connection c = db.connect()) {
            // Every original relation keeps its columns, in order and of the same types; ours come after.
            Map<String, List<String>> now = relationColumns(c);
            for (Map.Entry<String, List<String>> e : originalColumns.entrySet()) {
                List<String> cols = now.get(e.getKey());
                assertThat(cols).as("relation %s still exists", e.getKey()).isNotNull();
                assertThat(cols.subList(0, Math.min(cols.size(), e.getValue().size())))
                        .as("columns of %s", e.getKey()).isEqualTo(e.getValue());
            }
            // Every table and view gives the same rows, in the original's columns (the materialized views without
            // the time of their refresh, which 016 and 017 rebuild).
            Map<String, String> rowsAfter = rowsOfEveryRelation(c, originalColumns);
            assertThat(rowsAfter).isEqualTo(rowsBefore);
            // And the adopted database now has the catalog a new one has.
            assertThat(catalog(c).keySet()).containsAll(OURS_ONLY);
        }
    }

    @Test
    void anAdoptedDatabaseEndsWithTheSameCatalogAsANewOne() throws Exception {
        Map<String, String> adopted;
        try (Connection c = db.connect()) {
            buildOriginalShape(c);
            recordHistoryByHand(c, History.SCHEMA_SQL_THEN_007_TO_012);
        }
        new MigrationRunner(db.dataSource(), files, MigrationSettings.defaults(), log::add).migrate(false);
        try (Connection c = db.connect()) {
            adopted = catalog(c);
        }
        TestDatabase fresh = TestPostgres.emptyDatabase();
        try {
            new MigrationRunner(fresh.dataSource(), files, MigrationSettings.defaults(), log::add).migrate(false);
            Map<String, String> built;
            try (Connection c = fresh.connect()) {
                built = catalog(c);
            }
            ORIGINAL_ONLY.forEach(adopted::remove);
            assertThat(adopted).isEqualTo(built);
        } finally {
            fresh.drop();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void buildOriginalShape(Connection c) throws SQLException, IOException {
        OriginalShape.build(c);
        try (Statement st = c.createStatement()) {
            // The original's dead functions: their bodies do not matter (nothing calls them), their presence does.
            st.execute("CREATE FUNCTION populate_current_deposit_stats() RETURNS integer LANGUAGE sql AS 'SELECT 0'");
            st.execute("CREATE FUNCTION populate_deposit_stats(stop_date date) RETURNS void LANGUAGE sql AS ''");
            // The original's schema.sql has no key on ar_internal_metadata (its 007 adds one only when run).
            st.execute("ALTER TABLE ar_internal_metadata DROP CONSTRAINT ar_internal_metadata_pkey");
        }
    }

    private static void recordHistoryByHand(Connection c, History history) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String v : MigrationRunner.ORIGINAL_VERSIONS) {
                if (v.compareTo(history.first) >= 0) {
                    st.execute("INSERT INTO schema_migrations (version, started_at, finished_at)"
                            + " VALUES ('" + v + "', now() - interval '1 year', now() - interval '1 year')");
                }
            }
        }
    }

    private static void refreshMaterializedViews(Connection c) throws SQLException {
        List<String> names = strings(c, "SELECT matviewname FROM pg_matviews WHERE schemaname = current_schema()");
        try (Statement st = c.createStatement()) {
            for (String n : names) {
                st.execute("REFRESH MATERIALIZED VIEW " + n);
            }
        }
    }

    private static Map<String, Status> statuses(List<MigrationState> states) {
        Map<String, Status> m = new LinkedHashMap<>();
        states.forEach(s -> m.put(s.version(), s.status()));
        return m;
    }

    /** Each table, view and materialized view with its columns ("name type") in order. */
    private static Map<String, List<String>> relationColumns(Connection c) throws SQLException {
        Map<String, List<String>> m = new TreeMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT c.relname, a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
                        + " FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
                        + " WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'v', 'm')"
                        + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum")) {
            while (rs.next()) {
                m.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return m;
    }

    /** Columns of the count and deposit materialized views that hold the time of their refresh. */
    private static final Set<String> MATERIALIZED_AT_REFRESH = Set.of("updated_at", "end_date");

    /**
     * current_deposit_stats' figures: the original summed and divided in numeric; 017 computes them from the
     * count cells in double precision and casts to numeric, so they agree to far more than 6 decimals, not to 20.
     */
    private static final Set<String> ROUNDED = Set.of("total_gb", "total_tb", "monthly_cost");

    /** A digest of every relation's rows in the given columns (schema_migrations left out: migrating adds rows). */
    private static Map<String, String> rowsOfEveryRelation(Connection c, Map<String, List<String>> columns)
            throws SQLException {
        Map<String, String> m = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : columns.entrySet()) {
            String rel = e.getKey();
            if (rel.equals("schema_migrations")) {
                continue;
            }
            List<String> names = e.getValue().stream().map(s -> s.substring(0, s.indexOf(' ')))
                    .filter(n -> !(MATERIALIZED_AT_REFRESH.contains(n) && rel.matches(".*_(counts|stats)")))
                    .map(n -> rel.equals("current_deposit_stats") && ROUNDED.contains(n)
                            ? "round(" + n + "::numeric, 6) AS " + n : FixtureLoader.quote(n))
                    .toList();
            String select = "SELECT count(*) || ':' || coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '')"
                    + " FROM (SELECT " + String.join(", ", names) + " FROM " + FixtureLoader.quote(rel) + ") r";
            m.put(rel, strings(c, select).get(0));
        }
        return m;
    }

    /**
     * The catalog in the facts' terms: "column rel position" -> "name type", "index rel name" -> definition,
     * "constraint rel name" -> definition, "function name(args)" -> result.
     */
    private static Map<String, String> catalog(Connection c) throws SQLException {
        Map<String, String> m = new TreeMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT 'column ' || c.relname || ' ' || row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum),"
                        + " a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
                        + " FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
                        + " WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'v', 'm')"
                        + " AND a.attnum > 0 AND NOT a.attisdropped"
                        + " UNION ALL SELECT 'index ' || tablename || ' ' || indexname,"
                        + " regexp_replace(indexdef, '^.* USING ', '') FROM pg_indexes"
                        + " WHERE schemaname = current_schema()"
                        + " UNION ALL SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname,"
                        + " pg_get_constraintdef(oid) FROM pg_constraint"
                        + " WHERE connamespace = current_schema()::regnamespace"
                        + " UNION ALL SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid)"
                        + " || ')', coalesce(pg_get_function_result(p.oid), '') FROM pg_proc p"
                        + " WHERE p.pronamespace = current_schema()::regnamespace")) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getString(2));
            }
        }
        return m;
    }

    private static Map<String, String> facts() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (InputStream in = OriginalShapeAdoptionTest.class.getResourceAsStream(
                "/original-shape/original-catalog.csv")) {
            Iterable<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                    .parse(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (CSVRecord r : records) {
                switch (r.get("kind")) {
                    case "column" -> m.put("column " + r.get("relation") + " " + r.get("position"),
                            r.get("name") + " " + r.get("type"));
                    case "index", "constraint" -> m.put(r.get("kind") + " " + r.get("relation") + " " + r.get("name"),
                            r.get("type"));
                    case "function" -> m.put("function " + r.get("relation") + "(" + r.get("name") + ")",
                            r.get("type"));
                    default -> throw new IllegalStateException("unknown kind in original-catalog.csv: " + r);
                }
            }
        }
        return m;
    }

    /**
     * Compares a catalog with the facts: every fact is there with the same value, except the original's dead
     * functions and what {@code mayLack} names; nothing else is there but our known additions.
     */
    private static void assertSameCatalogAsTheFacts(Map<String, String> catalog, Set<String> mayLack)
            throws IOException {
        Map<String, String> facts = facts();
        Map<String, String> missingOrDifferent = new TreeMap<>();
        facts.forEach((k, v) -> {
            if (!ORIGINAL_ONLY.contains(k) && !mayLack.contains(k) && !v.equals(catalog.get(k))) {
                missingOrDifferent.put(k, "original: " + v + "; here: " + catalog.get(k));
            }
        });
        assertThat(missingOrDifferent).as("relations, columns in order, types, index, constraint and function"
                + " names as the original has them").isEmpty();
        Set<String> extra = new TreeSet<>(catalog.keySet());
        extra.removeAll(facts.keySet());
        extra.removeAll(OURS_ONLY);
        // The runner's own columns of schema_migrations (checksum, timing, who, outcome) follow the original's.
        extra.removeIf(k -> k.startsWith("column schema_migrations "));
        assertThat(extra).as("catalog entries the original does not have (not in our known additions)").isEmpty();
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
