package org.aptrust.registry.web.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.api.ApiClient;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.aptrust.registry.web.pages.PageClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admins' work item forms over HTTP: edit (the API's rules, refusals named by field), requeue (published to
 * the stage's topic at nsqd's /pub, recorded in this JVM), and the preservation workers' state in a real
 * redis-server (shown, listed, deleted from the page and through the admin API); without Redis the pages say
 * so ({@link WorkItemPagesWithoutRedisTest}). Institutional users and admins get none of it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@org.junit.jupiter.api.condition.EnabledIf(
        "org.aptrust.registry.web.workflows.RedisServer#installedOrRequired")
class WorkItemAdminPagesTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    private static final WorkflowData DATA = new WorkflowData(DB);
    private static final Mailbox MAIL = new Mailbox();
    private static final RecordingNsqd NSQD = new RecordingNsqd();
    private static final RedisServer REDIS = new RedisServer();
    static final DropwizardAppExtension<RegistryConfiguration> APP = WorkflowData.app(DB, MAIL, NSQD,
            ConfigOverride.config("api.redis.address", REDIS.address()));

    @AfterAll
    static void stop() {
        MAIL.close();
        NSQD.close();
        REDIS.close();
        DB.drop();
    }

    private static PageClient as(String email) {
        return new PageClient(APP.getLocalPort()).signIn(email);
    }

    /** The path and query of a redirect's absolute location. */
    private static String local(String location) {
        java.net.URI u = java.net.URI.create(location);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    /** A new work item of institution 2 at a stage and status, attached to a new object. */
    private static int item(String bag, String action, String stage, String status) {
        int object = DATA.newObject(2, "institution1.edu", bag);
        return (int) DATA.query("INSERT INTO work_items (created_at, updated_at, intellectual_object_id, name, etag,"
                + " bucket, \"user\", note, action, stage, status, outcome, bag_date, date_processed, retry, node, pid,"
                + " needs_admin_review, institution_id, size) VALUES (now(), now(), " + object + ", '" + bag
                + ".tar', 'etag-" + bag + "-0000000000000000000000', 'aptrust.receiving.institution1.edu',"
                + " 'user@inst1.edu', 'working', '" + action + "', '" + stage + "', '" + status + "', 'so far',"
                + " '2024-01-02', now(), false, 'worker-7', 4242, true, 2, 3345) RETURNING id");
    }

    @Test
    void anAdminEditsAWorkItemUnderTheApisRules() {
        int id = item("edit_me", "Ingest", "Store", "Started");
        PageClient admin = as("system@aptrust.org");
        PageClient.Page show = admin.get("/work_items/show/" + id);
        assertThat(show.doc().select("a[href=/work_items/edit/" + id + "]").text()).isEqualTo("Edit");

        PageClient.Page form = admin.get("/work_items/edit/" + id);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.doc().select("#f-Stage option[selected]").text()).isEqualTo("Store");
        assertThat(form.doc().select("#f-PID").val()).isEqualTo("4242");

        PageClient.Page saved = admin.post("/work_items/edit/" + id, PageClient.form("Stage", "Record", "Status",
                "Failed", "Retry", "false", "NeedsAdminReview", "false", "Note", "Stopped by hand", "Node", "",
                "PID", "0"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(saved.location()).endsWith("/work_items/show/" + id + "?done=saved");
        assertThat(DATA.text("SELECT concat_ws('|', stage, status, retry, needs_admin_review, note,"
                + " coalesce(node, '-'), pid, name) FROM work_items WHERE id = " + id))
                .isEqualTo("Record|Failed|f|f|Stopped by hand|-|0|edit_me.tar");
        assertThat(admin.get(local(saved.location())).text(".flag")).contains("saved");

        // A stage the vocabulary does not have, a PID that is no number: 400, named by field, nothing written.
        PageClient.Page bad = admin.post("/work_items/edit/" + id, PageClient.form("Stage", "Teleport",
                "Status", "Failed", "Retry", "false", "NeedsAdminReview", "false", "Note", "x", "PID", "0"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.doc().select(".form-error[data-field=Stage]").text()).contains("Teleport");
        PageClient.Page badPid = admin.put("/work_items/edit/" + id, PageClient.form("Stage", "Record",
                "PID", "many"));
        assertThat(badPid.status()).isEqualTo(400);
        assertThat(badPid.doc().select(".form-error[data-field=PID]").text()).contains("many");
        assertThat(DATA.text("SELECT stage || ' ' || note FROM work_items WHERE id = " + id))
                .isEqualTo("Record Stopped by hand");

        // Not for institutional admins or users, not without the CSRF token.
        for (String who : new String[] {"admin@inst1.edu", "user@inst1.edu"}) {
            PageClient c = as(who);
            assertThat(c.get("/work_items/edit/" + id).status()).as(who).isEqualTo(403);
            c.get("/work_items/show/" + id);
            assertThat(c.post("/work_items/edit/" + id, PageClient.form("Stage", "Receive")).status()).as(who)
                    .isEqualTo(403);
            assertThat(c.get("/work_items/show/" + id).doc().select("a[href=/work_items/edit/" + id + "]")).isEmpty();
        }
        assertThat(DATA.text("SELECT stage FROM work_items WHERE id = " + id)).isEqualTo("Record");
    }

    @Test
    void anAdminRequeuesAnUnfinishedIngestToAnEarlierStage() {
        int id = item("requeue_me", "Ingest", "Store", "Started");
        PageClient admin = as("system@aptrust.org");
        PageClient.Page show = admin.get("/work_items/show/" + id);
        // an ingest may go back to its current stage or any earlier one, never a later one
        assertThat(show.doc().select("form[action=/work_items/requeue/" + id + "] select[name=Stage] option")
                .eachText()).containsExactly("Receive", "Validate", "Reingest Check", "Copy To Staging",
                "Format Identification", "Store");

        PageClient.Page done = admin.post("/work_items/requeue/" + id, PageClient.form("Stage", "Validate"));
        assertThat(done.status()).as(done.body()).isEqualTo(303);
        assertThat(DATA.text("SELECT concat_ws('|', stage, status, retry, needs_admin_review, coalesce(node, '-'),"
                + " pid, coalesce(outcome, '-'), queued_at IS NOT NULL) FROM work_items WHERE id = " + id))
                .isEqualTo("Validate|Pending|t|f|-|0|-|t");
        assertThat(NSQD.published()).contains("ingest02_bag_validation " + id);
        assertThat(admin.get(local(done.location())).text(".flag")).contains("requeued").contains("Validate");

        // A finished item has no requeue form; a stage the action cannot go to is a 400 that says which can.
        int finished = item("finished", "Restore Object", "Resolve", "Success");
        assertThat(admin.get("/work_items/show/" + finished).doc().select("form[action^=/work_items/requeue/]"))
                .isEmpty();
        PageClient.Page bad = admin.post("/work_items/requeue/" + id, PageClient.form("Stage", "Nowhere"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("Nowhere").contains("Receive");

        PageClient inst = as("admin@inst1.edu");
        inst.get("/work_items/show/" + id);
        assertThat(inst.post("/work_items/requeue/" + id, PageClient.form("Stage", "Receive")).status())
                .isEqualTo(403);
        assertThat(DATA.text("SELECT stage FROM work_items WHERE id = " + id)).isEqualTo("Validate");
    }

    @Test
    void theWorkersStateInRedisIsShownListedAndDeleted() {
        int ingest = item("in_redis", "Ingest", "Validate", "Started");
        int other = item("also_in_redis", "Ingest", "Receive", "Started");
        String key = Integer.toString(ingest);
        REDIS.client().hset(key, "object:institution1.edu/in_redis", "{\"id\":0,\"bag_name\":\"in_redis\"}");
        REDIS.client().hset(key, "workresult:ingest01_prefetch", "{\"operation\":\"ingest01_prefetch\",\"errors\":[]}");
        for (int i = 0; i < 12; i++) {
            REDIS.client().hset(key, "file:institution1.edu/in_redis/data/f" + i + ".txt", "{}");
        }
        REDIS.client().hset(Integer.toString(other), "object:institution1.edu/also_in_redis", "{}");
        REDIS.client().set("not-a-work-item", "x");

        PageClient admin = as("system@aptrust.org");
        PageClient.Page show = admin.get("/work_items/show/" + ingest);
        assertThat(show.doc().select("#redis h3").eachText())
                .containsExactly("object:institution1.edu/in_redis", "workresult:ingest01_prefetch");
        assertThat(show.doc().select("#redis pre").get(0).text()).contains("\"bag_name\" : \"in_redis\"");
        assertThat(show.doc().select("#redis .muted").text()).contains("12 file record(s)");

        PageClient.Page list = admin.get("/work_items/redis_list");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.doc().select("#redis-items a[href^=/work_items/show/]").eachAttr("href"))
                .contains("/work_items/show/" + ingest, "/work_items/show/" + other);

        // institutional users see nothing of it, and may not delete it
        PageClient inst = as("admin@inst1.edu");
        assertThat(inst.get("/work_items/show/" + ingest).doc().select("#redis")).isEmpty();
        assertThat(inst.get("/work_items/redis_list").status()).isEqualTo(403);
        assertThat(inst.post("/work_items/redis_delete/" + ingest, Map.of()).status()).isEqualTo(403);
        assertThat(REDIS.client().exists(key)).isTrue();

        PageClient.Page deleted = admin.post("/work_items/redis_delete/" + ingest, Map.of());
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(REDIS.client().exists(key)).isFalse();
        assertThat(admin.get(local(deleted.location())).text("#redis")).contains("holds no data");

        // the admin API's route, as the original answers it
        ApiClient.Reply api = ApiClient.as(APP.getLocalPort(), "system@aptrust.org")
                .delete("/admin-api/v3/items/redis_delete/" + other);
        assertThat(api.status()).as(api.toString()).isEqualTo(200);
        assertThat(api.json()).containsEntry("StatusCode", 200)
                .containsEntry("Message", "Deleted WorkItem " + other + " from Redis.");
        assertThat(REDIS.client().exists(Integer.toString(other))).isFalse();
        assertThat(ApiClient.as(APP.getLocalPort(), "admin@inst1.edu")
                .delete("/admin-api/v3/items/redis_delete/" + other).status()).isEqualTo(403);
        assertThat(ApiClient.as(APP.getLocalPort(), "system@aptrust.org")
                .delete("/admin-api/v3/items/redis_delete/abc").status()).isEqualTo(400);
    }
}
