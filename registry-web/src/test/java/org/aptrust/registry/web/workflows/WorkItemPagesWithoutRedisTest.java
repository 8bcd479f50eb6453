package org.aptrust.registry.web.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.api.ApiClient;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.aptrust.registry.web.pages.PageClient;
import org.aptrust.registry.web.pages.WebApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Without Redis configured the admins' work item page says so and the admin API's redis_delete answers 503. (An
 * application of its own: two applications in one class would leave each other's configuration overrides behind
 * as system properties.)
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WorkItemPagesWithoutRedisTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    private static final WorkflowData DATA = new WorkflowData(DB);
    static final DropwizardAppExtension<RegistryConfiguration> NO_REDIS = WebApp.on(DB);

    @AfterAll
    static void stop() {
        DB.drop();
    }

    @Test
    void withoutRedisThePagesSaySoAndTheApiAnswers503() {
        int object = DATA.newObject(2, "institution1.edu", "no_redis");
        int id = (int) DATA.query("SELECT id FROM work_items WHERE intellectual_object_id = " + object);
        PageClient admin = new PageClient(NO_REDIS.getLocalPort()).signIn("system@aptrust.org");
        assertThat(admin.get("/work_items/show/" + id).text("#redis")).contains("Redis is not configured");
        assertThat(admin.get("/work_items/redis_list").status()).isEqualTo(503);
        ApiClient.Reply api = ApiClient.as(NO_REDIS.getLocalPort(), "system@aptrust.org")
                .delete("/admin-api/v3/items/redis_delete/" + id);
        assertThat(api.status()).isEqualTo(503);
        assertThat(api.error()).contains("Redis is not configured");
    }
}
