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
 * What finishing work sets off: the last Delete work item of a deletion request saved as Success raises "Deletion
 * Completed" once (requester, approver, the institution's admins), a spot test's restoration saved as Success
 * raises "Restoration Spot Test Completed"; both mailed (GreenMail) as text and HTML with the links clickable, from
 * the admin API's update and from the admins' edit form alike.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CompletionAlertsTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    private static final WorkflowData DATA = new WorkflowData(DB);
    private static final Mailbox MAIL = new Mailbox();
    private static final RecordingNsqd NSQD = new RecordingNsqd();
    static final DropwizardAppExtension<RegistryConfiguration> APP = WorkflowData.app(DB, MAIL, NSQD,
            ConfigOverride.config("api.publicUrl", "https://registry.example.org"),
            ConfigOverride.config("api.testRoutes", "true"));

    @AfterAll
    static void stop() {
        MAIL.close();
        NSQD.close();
        DB.drop();
    }

    private static ApiClient admin() {
        return ApiClient.as(APP.getLocalPort(), "system@aptrust.org");
    }

    /** Saves the item through the admin API with a new stage and status. */
    private static void finish(long itemId, String stage, String status) {
        ApiClient.Reply shown = admin().get("/admin-api/v3/items/show/" + itemId);
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        Map<String, Object> body = new java.util.LinkedHashMap<>(shown.json());
        body.put("stage", stage);
        body.put("status", status);
        ApiClient.Reply saved = admin().put("/admin-api/v3/items/update/" + itemId, body);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    }

    @Test
    void theLastDeleteItemOfARequestToSucceedRaisesDeletionCompletedOnce() {
        int object = DATA.newObject(2, "institution1.edu", "completed_deletion");
        ApiClient.Reply prepared = admin().post("/admin-api/v3/prepare_object_delete/" + object, null);
        assertThat(prepared.status()).as(prepared.toString()).isEqualTo(200);
        long first = ((Number) prepared.json().get("id")).longValue();
        DATA.execute("UPDATE work_items SET etag = md5('completed_deletion') WHERE id = " + first);
        long request = DATA.query("SELECT deletion_request_id FROM work_items WHERE id = " + first);
        // a second Delete item of the same request, as a request for several objects has
        long second = DATA.query("INSERT INTO work_items (created_at, updated_at, intellectual_object_id, name, etag,"
                + " bucket, \"user\", note, action, stage, status, outcome, bag_date, date_processed, retry, pid,"
                + " needs_admin_review, institution_id, size, deletion_request_id, inst_approver) SELECT now(), now(),"
                + " intellectual_object_id, name || '.second', etag, bucket, \"user\", note, action, stage, status,"
                + " outcome, bag_date, date_processed, retry, 0, false, institution_id, size, deletion_request_id,"
                + " inst_approver FROM work_items WHERE id = " + first + " RETURNING id");
        String completed = "SELECT count(*) FROM alerts WHERE type = 'Deletion Completed' AND deletion_request_id = "
                + request;

        finish(first, "Resolve", "Success");
        assertThat(DATA.query(completed)).as("one of two items done").isZero();
        finish(second, "Resolve", "Failed");
        assertThat(DATA.query(completed)).isZero();
        finish(second, "Resolve", "Success");
        assertThat(DATA.query(completed)).isEqualTo(1);
        finish(second, "Resolve", "Success");
        finish(first, "Resolve", "Success");
        assertThat(DATA.query(completed)).as("once per request").isEqualTo(1);

        long alert = DATA.query("SELECT id FROM alerts WHERE type = 'Deletion Completed' AND deletion_request_id = "
                + request);
        assertThat(DATA.text("SELECT string_agg(u.email, ',' ORDER BY u.email) FROM alerts_users au JOIN users u"
                + " ON u.id = au.user_id WHERE au.alert_id = " + alert)).isEqualTo("admin2@inst1.edu,admin@inst1.edu");
        assertThat(DATA.query("SELECT count(*) FROM alerts_work_items WHERE alert_id = " + alert)).isEqualTo(2);
        Mailbox.Mail mail = MAIL.awaitOne("admin2@inst1.edu", "Deletion Completed");
        assertThat(mail.body()).contains("object institution1.edu/completed_deletion")
                .contains("https://registry.example.org/deletions/show/" + request);
        assertThat(mail.html()).contains("<a href=\"https://registry.example.org/deletions/show/" + request + "\">")
                .contains("<h1");
    }

    @Test
    void aSpotTestsRestorationSavedAsSuccessRaisesItsOwnAlertFromTheEditForm() {
        int object = DATA.newObject(2, "institution1.edu", "spot_tested");
        long item = DATA.query("INSERT INTO work_items (created_at, updated_at, intellectual_object_id, name, etag,"
                + " bucket, \"user\", note, action, stage, status, outcome, bag_date, date_processed, retry, pid,"
                + " needs_admin_review, institution_id, size) VALUES (now(), now(), " + object + ", 'spot_tested.tar',"
                + " 'etag-spot_tested-000000000000000000000', 'aptrust.restore.institution1.edu', 'system@aptrust.org',"
                + " 'spot test', 'Restore Object', 'Requested', 'Started', 'restoring', '2024-01-02', now(), true, 0,"
                + " false, 2, 3345) RETURNING id");
        DATA.execute("UPDATE institutions SET last_spot_restore_work_item_id = " + item + " WHERE id = 2");

        PageClient admin = new PageClient(APP.getLocalPort()).signIn("system@aptrust.org");
        admin.get("/work_items/edit/" + item);
        PageClient.Page saved = admin.post("/work_items/edit/" + item, PageClient.form("Stage", "Resolve", "Status",
                "Success", "Retry", "true", "NeedsAdminReview", "false", "Note", "restored", "PID", "0"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);

        String alerts = "alerts a JOIN alerts_work_items l ON l.alert_id = a.id WHERE l.work_item_id = " + item;
        assertThat(DATA.text("SELECT a.type || ' / ' || a.subject FROM " + alerts))
                .isEqualTo("Restoration Completed / Restoration Spot Test Completed");
        assertThat(DATA.text("SELECT a.content FROM " + alerts)).contains("institution1.edu/spot_tested")
                .contains("every 30 days").contains("aptrust.restore.institution1.edu");
        Mailbox.Mail mail = MAIL.awaitOne("user@inst1.edu", "Restoration Spot Test Completed");
        assertThat(mail.html()).contains("<a href=\"https://registry.example.org/work_items/show/" + item + "\">");

        // An ordinary restoration keeps the original's subject.
        long plain = DATA.query("INSERT INTO work_items (created_at, updated_at, intellectual_object_id, name, etag,"
                + " bucket, \"user\", note, action, stage, status, outcome, bag_date, date_processed, retry, pid,"
                + " needs_admin_review, institution_id, size) SELECT now(), now(), intellectual_object_id, name, etag,"
                + " bucket, \"user\", note, action, stage, 'Started', outcome, bag_date, date_processed, retry, 0,"
                + " false, institution_id, size FROM work_items WHERE id = " + item + " RETURNING id");
        finish(plain, "Resolve", "Success");
        assertThat(DATA.text("SELECT a.subject FROM alerts a JOIN alerts_work_items l ON l.alert_id = a.id"
                + " WHERE l.work_item_id = " + plain)).isEqualTo("Restoration Completed");
    }
}
