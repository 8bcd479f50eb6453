package org.aptrust.registry.db.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.aptrust.registry.db.fixtures.FixtureFiles;
import org.aptrust.registry.db.fixtures.FixtureLoader;
import org.aptrust.registry.db.testing.OriginalShape;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Adopting a database while the preservation services keep writing: the totals that 013-020 fill in (per-object
 * sizes and counts, count cells, deposit figures) must come out exact, whatever the writers did meanwhile, and no
 * writer may fail. The backfills run after the triggers commit, in batches (020), so this is where a change lost
 * or counted twice between a trigger and a backfill would show.
 */
class AdoptionUnderWritesTest {

    private static final int OBJECTS = 12_000;
    private static final int FILES_PER_OBJECT = 4;
    private static final int WRITERS = 3;

    private TestDatabase db;

    @BeforeEach
    void originalDatabaseWithData() throws Exception {
        db = TestPostgres.emptyDatabase();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            OriginalShape.build(c);
            new FixtureLoader(line -> { }).load(c, FixtureFiles.classpath());
            advanceSequences(st);
            // Enough objects for several backfill batches (2,000 ids each), with files and events.
            st.execute("INSERT INTO intellectual_objects (id, title, identifier, bag_name, institution_id, state,"
                    + " access, storage_option, created_at, updated_at)"
                    + " SELECT 1000 + g, 'bag ' || g, 'test.edu/bag-' || g, 'bag-' || g, 2 + g % 3, 'A',"
                    + " 'institution', 'Standard', now(), now() FROM generate_series(1, " + OBJECTS + ") g");
            st.execute("INSERT INTO generic_files (file_format, size, identifier, intellectual_object_id,"
                    + " created_at, updated_at, state, institution_id, storage_option, uuid)"
                    + " SELECT 'text/plain', f * 1000 + o, 'test.edu/bag-' || o || CASE WHEN f = 1 THEN"
                    + " '/manifest-md5.txt' ELSE '/data/file-' || f END, 1000 + o, now(), now(), 'A', 2 + o % 3,"
                    + " 'Standard', md5(o || '-' || f) FROM generate_series(1, " + OBJECTS + ") o,"
                    + " generate_series(1, " + FILES_PER_OBJECT + ") f");
            st.execute("INSERT INTO premis_events (identifier, event_type, date_time, outcome, intellectual_object_id,"
                    + " institution_id, created_at, updated_at) SELECT md5('e' || o), 'ingestion', now(), 'Success',"
                    + " 1000 + o, 2 + o % 3, now(), now() FROM generate_series(1, " + OBJECTS + ") o");
            advanceSequences(st);
            st.execute("INSERT INTO schema_migrations (version, started_at, finished_at)"
                    + " SELECT v, now(), now() FROM unnest(ARRAY['007_spot_restore', '008_fix_update_counts',"
                    + " '009_update_storage_pricing', '010_alerts_view_email', '011_batch_deletion_work_items',"
                    + " '012_posix_metadata']) v");
        }
    }

    private static void advanceSequences(Statement st) throws SQLException {
        for (String table : List.of("intellectual_objects", "generic_files", "premis_events")) {
            st.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT max(id) FROM " + table
                    + "))");
        }
    }

    @AfterEach
    void dropIt() {
        db.drop();
    }

    @Test
    void totalsAreExactAfterAdoptingWhileWritersAddAndRemoveFiles() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong transactions = new AtomicLong();
        AtomicLong longestNanos = new AtomicLong();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(pool.submit(() -> {
                try (Connection c = db.connect()) {
                    c.setAutoCommit(false);
                    while (!stop.get()) {
                        long start = System.nanoTime();
                        writeOneObject(c, 1000 + ThreadLocalRandom.current().nextInt(1, OBJECTS + 1));
                        c.commit();
                        longestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                        transactions.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
                return null;
            }));
        }
        Thread.sleep(300);
        List<String> applied;
        try {
            applied = new MigrationRunner(db.dataSource(), MigrationFiles.fromClasspath(),
                    MigrationSettings.defaults(), line -> { }).migrate(false);
            Thread.sleep(300);
        } finally {
            stop.set(true);
            for (Future<?> f : writers) {
                f.get();
            }
            pool.shutdown();
        }
        assertThat(failures).as("writer failures").isEmpty();
        assertThat(applied).contains("013_object_summaries", "020_backfills_and_list_indexes");
        assertThat(transactions.get()).as("writer transactions during the adoption").isGreaterThan(10);
        System.out.printf("adoption under writes: %d writer transactions, the longest %d ms%n", transactions.get(),
                longestNanos.get() / 1_000_000);

        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            assertThat(list(st, "SELECT name FROM schema_backfills WHERE finished_at IS NULL"))
                    .as("backfills left unfinished").isEmpty();
            assertThat(list(st, """
                    SELECT io.id FROM intellectual_objects io
                    LEFT JOIN (SELECT intellectual_object_id AS id, count(*) AS n, sum(gf.size) AS bytes,
                                      count(*) FILTER (WHERE starts_with(gf.identifier, o.identifier || '/data/')) AS pn,
                                      coalesce(sum(gf.size) FILTER (WHERE starts_with(gf.identifier, o.identifier || '/data/')), 0) AS pb
                               FROM generic_files gf JOIN intellectual_objects o ON o.id = gf.intellectual_object_id
                               WHERE gf.state = 'A' GROUP BY 1) s ON s.id = io.id
                    WHERE (io.file_count, io.size, io.payload_file_count, io.payload_size)
                          IS DISTINCT FROM (coalesce(s.n, 0), coalesce(s.bytes, 0), coalesce(s.pn, 0), coalesce(s.pb, 0))
                    """)).as("objects whose totals differ from their files").isEmpty();
            for (String[] source : new String[][] {{"files", "generic_files"}, {"events", "premis_events"},
                    {"objects", "intellectual_objects"}}) {
                assertThat(list(st, "SELECT institution_id || ':' || sum(n) FROM stats_" + source[0] + "_live"
                        + " GROUP BY institution_id HAVING sum(n) <> 0 ORDER BY 1"))
                        .as("count cells of " + source[0])
                        .isEqualTo(list(st, "SELECT institution_id || ':' || count(*) FROM " + source[1]
                                + " GROUP BY institution_id ORDER BY 1"));
            }
            st.execute("BEGIN");
            st.execute("SELECT stats_wait_for_fold_lock(), stats_files_fold(), stats_deposit_fold()");
            st.execute("COMMIT");
            assertThat(list(st, "SELECT intellectual_object_id || ':' || institution_id || ':' || storage_option"
                    + " FROM stats_deposit_objects ORDER BY 1"))
                    .as("deposit figures: the objects with active files")
                    .isEqualTo(list(st, "SELECT DISTINCT intellectual_object_id || ':' || institution_id || ':'"
                            + " || storage_option FROM generic_files WHERE state = 'A' ORDER BY 1"));
        }
    }

    /** What an ingest does to one object: a new file and its event, and now and then a file deleted. */
    private static void writeOneObject(Connection c, int objectId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO generic_files (file_format, size, identifier,"
                + " intellectual_object_id, created_at, updated_at, state, institution_id, storage_option, uuid)"
                + " SELECT 'text/plain', 123, identifier || '/data/w-' || md5(random()::text), id, now(), now(),"
                + " 'A', institution_id, 'Standard', md5(random()::text) FROM intellectual_objects WHERE id = ?")) {
            ps.setInt(1, objectId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO premis_events (identifier, event_type,"
                + " date_time, outcome, intellectual_object_id, institution_id, created_at, updated_at)"
                + " SELECT md5(random()::text), 'ingestion', now(), 'Success', id, institution_id, now(), now()"
                + " FROM intellectual_objects WHERE id = ?")) {
            ps.setInt(1, objectId);
            ps.executeUpdate();
        }
        if (ThreadLocalRandom.current().nextInt(4) == 0) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE generic_files SET state = 'D', updated_at = now()"
                    + " WHERE id = (SELECT min(id) FROM generic_files WHERE intellectual_object_id = ?"
                    + " AND state = 'A')")) {
                ps.setInt(1, objectId);
                ps.executeUpdate();
            }
        }
    }

    private static List<String> list(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
