package org.aptrust.registry.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.ConfigFiles;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The original's test-only admin routes: off by default (404), on with api.testRoutes, where they make a file or
 * an object deletable at once; a configuration that does not allow them (config/external.yml) refuses to start.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TestRoutesTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    // A ConfigOverride stays a system property until its application stops, so OFF says false itself rather than
    // rely on the default, which ON's override would otherwise replace whenever ON starts first.
    static final DropwizardAppExtension<RegistryConfiguration> OFF = ApiTestApp.on(DB,
            ConfigOverride.config("api.testRoutes", "false"));
    static final DropwizardAppExtension<RegistryConfiguration> ON = ApiTestApp.on(DB,
            ConfigOverride.config("api.testRoutes", "true"));

    @AfterAll
    static void drop() {
        DB.drop();
    }

    @Test
    void offByDefault() {
        String started = "SELECT count(*) FROM work_items WHERE action = 'Delete' AND status = 'Started'";
        long before = ApiTestApp.count(DB, started);
        ApiClient admin = ApiClient.as(OFF.getLocalPort(), "system@aptrust.org");
        assertThat(admin.post("/admin-api/v3/prepare_file_delete/14", null).status()).isEqualTo(404);
        assertThat(admin.post("/admin-api/v3/prepare_object_delete/3", null).status()).isEqualTo(404);
        assertThat(ApiTestApp.count(DB, started)).isEqualTo(before);
    }

    @Test
    void aPreparedFileIsDeletedByTheAdminApi() {
        ApiTestApp.execute(DB, "UPDATE generic_files SET created_at = now() AT TIME ZONE 'UTC' WHERE id = 14");
        ApiClient admin = ApiClient.as(ON.getLocalPort(), "system@aptrust.org");
        assertThat(admin.delete("/admin-api/v3/files/delete/14").status()).isEqualTo(409);
        assertThat(ApiClient.as(ON.getLocalPort(), "admin@inst1.edu")
                .post("/admin-api/v3/prepare_file_delete/14", null).status()).isEqualTo(403);

        ApiClient.Reply prepared = admin.post("/admin-api/v3/prepare_file_delete/14", null);
        assertThat(prepared.status()).as(prepared.toString()).isEqualTo(200);
        assertThat(prepared.json()).containsEntry("action", "Delete").containsEntry("status", "Started")
                .containsEntry("generic_file_id", 14);
        Object itemId = prepared.json().get("id");
        String approver = ApiTestApp.value(DB, "SELECT inst_approver FROM work_items WHERE id = " + itemId);
        assertThat(ApiTestApp.value(DB, "SELECT u.role || ' ' || u.institution_id FROM users u WHERE u.email = '"
                + approver + "'")).isEqualTo("institutional_admin " + ApiTestApp.value(DB,
                "SELECT institution_id FROM generic_files WHERE id = 14"));
        assertThat(ApiTestApp.count(DB, "SELECT count(*) FROM deletion_requests d JOIN work_items w"
                + " ON w.deletion_request_id = d.id JOIN deletion_requests_generic_files x"
                + " ON x.deletion_request_id = d.id AND x.generic_file_id = 14"
                + " WHERE d.confirmed_at IS NOT NULL AND w.id = " + itemId)).isEqualTo(1);

        ApiClient.Reply deleted = admin.delete("/admin-api/v3/files/delete/14");
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json()).containsEntry("state", "D");
    }

    @Test
    void aPreparedObjectHasItsApprovedDeletion() {
        ApiClient admin = ApiClient.as(ON.getLocalPort(), "system@aptrust.org");
        ApiClient.Reply prepared = admin.post("/admin-api/v3/prepare_object_delete/3", null);
        assertThat(prepared.status()).as(prepared.toString()).isEqualTo(200);
        assertThat(prepared.json()).containsEntry("action", "Delete").containsEntry("status", "Started")
                .containsEntry("intellectual_object_id", 3);
        Object itemId = prepared.json().get("id");
        assertThat(ApiTestApp.count(DB, "SELECT count(*) FROM deletion_requests d JOIN work_items w"
                + " ON w.deletion_request_id = d.id JOIN deletion_requests_intellectual_objects x"
                + " ON x.deletion_request_id = d.id AND x.intellectual_object_id = 3"
                + " WHERE d.confirmed_at IS NOT NULL AND w.id = " + itemId)).isEqualTo(1);
        assertThat(ApiTestApp.count(DB, "SELECT count(*) FROM generic_files WHERE intellectual_object_id = 3"
                + " AND created_at > now() AT TIME ZONE 'UTC' - interval '364 days'")).isZero();
        assertThat(admin.post("/admin-api/v3/prepare_object_delete/999999", null).status()).isEqualTo(409);
    }

    @Test
    void aConfigurationThatForbidsThemRefusesToStart() throws Exception {
        JsonNode external = new ObjectMapper(new YAMLFactory()).readTree(new File(ConfigFiles.path("external.yml")));
        assertThat(external.path("api").path("testRoutesAllowed").asBoolean(true)).isFalse();
        DropwizardAppExtension<RegistryConfiguration> app = ApiTestApp.on(DB,
                ConfigOverride.config("api.testRoutes", "true"),
                ConfigOverride.config("api.testRoutesAllowed", "false"));
        try {
            assertThatThrownBy(app::before).hasStackTraceContaining("does not allow the test-only routes");
        } finally {
            app.after();
        }
    }
}
