package org.aptrust.registry.db.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;

import org.aptrust.registry.db.testing.CatalogFingerprint;
import org.aptrust.registry.db.testing.PlainSql;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** The migration files themselves, run by hand without the runner, are idempotent. */
class MigrationFilesIdempotencyTest {

    private final List<Migration> migrations = MigrationFiles.fromClasspath();

    @Test
    void theFilesAreTheDirectoryContentsInOrder() {
        List<String> versions = migrations.stream().map(Migration::version).toList();
        assertThat(versions).startsWith("000_initial_schema", "001_deposit_stats", "002_work_item_restorations",
                "003_alter_deposit_stats", "004_concurrent_deposit_stats", "005_deposit_timeline_stats",
                "006_performance_improvements", "007_spot_restore", "008_fix_update_counts",
                "009_update_storage_pricing", "010_alerts_view_email", "011_batch_deletion_work_items",
                "012_posix_metadata");
        assertThat(versions).isSorted();
    }

    @Test
    void allFilesTwiceGiveTheSameCatalogAsOnce() throws Exception {
        TestDatabase db = TestPostgres.emptyDatabase();
        try (Connection c = db.connect()) {
            for (Migration m : migrations) {
                PlainSql.run(c, m);
            }
            List<String> once = CatalogFingerprint.of(c);
            for (Migration m : migrations) {
                PlainSql.run(c, m);
            }
            assertThat(CatalogFingerprint.of(c)).isEqualTo(once);
            assertThat(once).anyMatch(l -> l.startsWith("matview | current_deposit_stats"))
                    .anyMatch(l -> l.startsWith("function | update_counts"))
                    .anyMatch(l -> l.startsWith("view | alerts_view"));
        } finally {
            db.drop();
        }
    }

    @Test
    void eachFileAppliedTwiceInARowChangesNothing() throws Exception {
        TestDatabase db = TestPostgres.emptyDatabase();
        try (Connection c = db.connect()) {
            for (Migration m : migrations) {
                PlainSql.run(c, m);
                List<String> after = CatalogFingerprint.of(c);
                PlainSql.run(c, m);
                assertThat(CatalogFingerprint.of(c)).as("catalog after re-running " + m.version()).isEqualTo(after);
            }
        } finally {
            db.drop();
        }
    }

    /**
     * An operator who re-runs an old file by hand on an up-to-date database must not undo a later file: earlier
     * files create what a later file redefines only when it is absent.
     */
    @Test
    void reRunningAnyOneFileOnAnUpToDateDatabaseChangesNothing() throws Exception {
        TestDatabase db = TestPostgres.emptyDatabase();
        try (Connection c = db.connect()) {
            for (Migration m : migrations) {
                PlainSql.run(c, m);
            }
            List<String> upToDate = CatalogFingerprint.of(c);
            for (Migration m : migrations) {
                PlainSql.run(c, m);
                assertThat(CatalogFingerprint.of(c)).as("catalog after re-running " + m.version() + " alone")
                        .isEqualTo(upToDate);
            }
        } finally {
            db.drop();
        }
    }

    @Test
    void everyFileRecordsItsOwnStartAndFinish() throws Exception {
        TestDatabase db = TestPostgres.emptyDatabase();
        try (Connection c = db.connect()) {
            for (Migration m : migrations) {
                PlainSql.run(c, m);
            }
            try (var st = c.createStatement(); var rs = st.executeQuery(
                    "SELECT version FROM schema_migrations WHERE started_at IS NOT NULL AND finished_at IS NOT NULL"
                            + " AND finished_at >= started_at ORDER BY version")) {
                List<String> recorded = new java.util.ArrayList<>();
                while (rs.next()) {
                    recorded.add(rs.getString(1));
                }
                assertThat(recorded).isEqualTo(migrations.stream().map(Migration::version).toList());
            }
        } finally {
            db.drop();
        }
    }
}
