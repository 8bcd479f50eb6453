package org.aptrust.registry.db.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.aptrust.registry.db.fixtures.DatabaseReset;
import org.aptrust.registry.db.migrate.MigrationFiles;
import org.aptrust.registry.db.seed.Scale;
import org.aptrust.registry.db.seed.ScaleDataGenerator;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;

/**
 * The statistics on generated data ({@code db seed --scale S}: 1,000 objects, 10,000 files, 30,000 events, 20
 * institutions), then after bench/stats' 1% of inserts and state changes and after deletes, folded incrementally,
 * equal the recomputation.
 */
class SeededDataStatsTest {

    /** A bench script with its psql variables filled in, for JDBC (scale 0.01 is S: a hundredth of M). */
    static String script(String name, String scale) throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("bench/stats"))) {
            dir = dir.getParent();
        }
        return Files.readAllLines(dir.resolve("bench/stats").resolve(name)).stream()
                .filter(l -> !l.startsWith("\\set"))
                .map(l -> l.replace(":objects", "(100000 * " + scale + ")::int")
                        .replace(":files", "(1000000 * " + scale + ")::int"))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void incrementalStatsEqualTheRecomputationOnGeneratedData() throws Exception {
        TestDatabase db = TestPostgres.emptyDatabase();
        try {
            new DatabaseReset(db.dataSource(), MigrationFiles.fromClasspath(), line -> { }).reset(null);
            Jdbi jdbi = Jdbi.create(db.dataSource()).installPlugin(new SqlObjectPlugin());
            new ScaleDataGenerator(db.dataSource(), Scale.S, 20, false, line -> { }).generate();
            jdbi.useHandle(h -> {
                refresh(h);
                // the migrations wrote the (empty) months already; like DatabaseReset, rebuild them once
                h.attach(StatsDao.class).refreshHistoricalDeposits(true);
                Recomputed.assertEverythingEqualsRecomputation(h);
                assertThat(Recomputed.rows(h, Recomputed.HISTORY_TABLE))
                        .isEqualTo(Recomputed.rows(h, Recomputed.HISTORY + " WHERE file_count > 0"));

                h.createScript(script("add_one_percent.sql", "0.01")).execute();
                for (String child : new String[] {"checksums", "storage_records", "premis_events"}) {
                    h.execute("DELETE FROM " + child + " WHERE generic_file_id IN (SELECT id FROM generic_files"
                            + " WHERE intellectual_object_id IN (7, 8, 9))");
                }
                h.execute("DELETE FROM generic_files WHERE intellectual_object_id IN (7, 8, 9)");
                h.execute("DELETE FROM premis_events WHERE id % 101 = 0");
                h.execute("DELETE FROM work_items WHERE id % 13 = 0");
                h.execute("UPDATE intellectual_objects SET state = 'D' WHERE id % 17 = 0");
                h.execute("UPDATE generic_files SET storage_option = 'Glacier-OR', created_at = created_at"
                        + " - interval '400 days' WHERE intellectual_object_id = 11");
                refresh(h);
                Recomputed.assertEverythingEqualsRecomputation(h);
                h.attach(StatsDao.class).refreshHistoricalDeposits(true);
                assertThat(Recomputed.rows(h, Recomputed.HISTORY_TABLE))
                        .isEqualTo(Recomputed.rows(h, Recomputed.HISTORY + " WHERE file_count > 0"));
            });
        } finally {
            db.drop();
        }
    }

    private static void refresh(Handle h) {
        StatsDao dao = h.attach(StatsDao.class);
        dao.refreshCounts(false);
        dao.refreshCurrentDeposits(false, 0);
        dao.refreshHistoricalDeposits(false);
    }
}
