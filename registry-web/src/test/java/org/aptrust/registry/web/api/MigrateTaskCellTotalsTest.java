package org.aptrust.registry.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Count cells that a migration adds while the service runs, applied through the admin task migrate, answer the next
 * total: the running service's totals do not keep "no cells here" from before. (The service refuses to start while a
 * migration is pending, so the test takes 074 and 075 back out of the running service's database first, as if it
 * predated them.)
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MigrateTaskCellTotalsTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = ApiTestApp.on(DB);

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private static long total() {
        ApiClient.Reply r = ApiClient.as(APP.getLocalPort(), "system@aptrust.org").get("/admin-api/v3/storage_records");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.count();
    }

    @Test
    void theCellsOfAMigrationAppliedByTheTaskAnswerTheNextTotal() {
        ApiTestApp.execute(DB,
                "DROP TRIGGER stats_storage_records_insert ON storage_records",
                "DROP TRIGGER stats_storage_records_delete ON storage_records",
                "DROP TRIGGER stats_storage_records_truncate ON storage_records",
                "DROP FUNCTION stats_refresh_all_counts(boolean)",
                "DROP VIEW stats_storage_records_live",
                "DROP TABLE stats_storage_records_cells, stats_storage_records_deltas",
                "DROP FUNCTION stats_storage_records_capture(), stats_storage_records_rebuild(),"
                        + " stats_storage_records_fold()",
                "DELETE FROM schema_backfills WHERE name = 'count_cells:storage_records'",
                "DELETE FROM schema_migrations WHERE version IN ('074_storage_record_cells',"
                        + " '075_storage_record_cells_fill')");
        long rows = ApiTestApp.count(DB, "SELECT count(*) FROM storage_records");
        assertThat(rows).isPositive();
        assertThat(total()).isEqualTo(rows);

        String admin = "http://127.0.0.1:" + APP.getAdminPort();
        String out = APP.client().target(admin + "/tasks/migrate").request().post(Entity.text(""))
                .readEntity(String.class);
        assertThat(out).contains("applied 075_storage_record_cells_fill").contains("applied 2 migration(s)");

        assertThat(total()).isEqualTo(rows);
        // Only the cell changed: the total follows it, so it is read from the cell.
        ApiTestApp.execute(DB, "UPDATE stats_storage_records_cells SET n = n + 1000");
        assertThat(total()).isEqualTo(rows + 1000);
        ApiTestApp.execute(DB, "UPDATE stats_storage_records_cells SET n = n - 1000");
        assertThat(total()).isEqualTo(rows);
    }
}
