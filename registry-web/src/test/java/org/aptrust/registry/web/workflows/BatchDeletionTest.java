package org.aptrust.registry.web.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * POST /admin-api/v3/objects/init_batch_delete as the original's clients send it: the shared secret from the
 * configuration, one request for many objects of one institution or none at all, and the same mailed approval as
 * a request from the web pages, followed here to the Delete work items.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BatchDeletionTest {

    private static final String KEY = "7b9f6f2e-3c1d-4e55-9a0b-2f4c8d6e1a37";
    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    private static final WorkflowData DATA = new WorkflowData(DB);
    private static final Mailbox MAIL = new Mailbox();
    private static final RecordingNsqd NSQD = new RecordingNsqd();
    static final DropwizardAppExtension<RegistryConfiguration> APP = WorkflowData.app(DB, MAIL, NSQD,
            ConfigOverride.config("api.batchDeletionKey", KEY));

    @AfterAll
    static void stop() {
        MAIL.close();
        NSQD.close();
        DB.drop();
    }

    private static ApiClient.Reply batch(String caller, Object institutionId, Object requestorId, List<?> objectIds,
                                         String key) {
        return ApiClient.as(APP.getLocalPort(), caller).post("/admin-api/v3/objects/init_batch_delete",
                Map.of("institutionId", institutionId, "requestorId", requestorId, "objectIds", objectIds,
                        "secretKey", key));
    }

    private static long requests() {
        return DATA.query("SELECT count(*) FROM deletion_requests");
    }

    @Test
    void oneRequestForManyObjectsIsApprovedThroughTheMailedLink() {
        int a = DATA.newObject(2, "institution1.edu", "batch_a");
        int b = DATA.newObject(2, "institution1.edu", "batch_b");
        ApiClient.Reply r = batch("system@aptrust.org", 2, 2, List.of(a, b), KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = ((Number) r.json().get("id")).longValue();
        assertThat(r.headers().get("location")).singleElement().asString().endsWith("/admin-api/v3/deletions/show/"
                + id);
        assertThat((List<?>) r.json().get("intellectual_objects")).hasSize(2);
        assertThat(DATA.query("SELECT count(*) FROM deletion_requests_intellectual_objects WHERE deletion_request_id = "
                + id)).isEqualTo(2);

        Mailbox.Mail mail = MAIL.await(1, m -> m.to().equals("admin2@inst1.edu")
                && m.subject().equals("Deletion Requested") && m.body().contains("/deletions/review/" + id + "?"))
                .get(0);
        assertThat(mail.body()).contains("institution1.edu/batch_a", "institution1.edu/batch_b");
        Matcher m = Pattern.compile("http://\\S+(/deletions/review/\\d+\\?token=([A-Za-z0-9_-]+))")
                .matcher(mail.body());
        assertThat(m.find()).isTrue();

        PageClient approver = new PageClient(APP.getLocalPort()).signIn("admin2@inst1.edu");
        assertThat(approver.get(m.group(1)).doc().select("ul.items li")).hasSize(2);
        assertThat(approver.post("/deletions/approve/" + id, PageClient.form("token", m.group(2))).status())
                .isEqualTo(200);
        assertThat(DATA.query("SELECT count(*) FROM work_items WHERE deletion_request_id = " + id
                + " AND action = 'Delete' AND intellectual_object_id IN (" + a + ", " + b + ")")).isEqualTo(2);
        assertThat(DATA.publishedFor(NSQD, id)).hasSize(2);
    }

    @Test
    void anyProblemRefusesTheWholeBatchAndWritesNothing() {
        int ok = DATA.newObject(2, "institution1.edu", "batch_ok");
        int foreign = DATA.newObject(3, "institution2.edu", "batch_foreign");
        int busy = DATA.newObject(2, "institution1.edu", "batch_busy");
        DATA.execute("INSERT INTO work_items (created_at, updated_at, intellectual_object_id, name, etag, bucket,"
                + " \"user\", note, action, stage, status, outcome, bag_date, date_processed, retry, pid,"
                + " needs_admin_review, institution_id, size) VALUES (now(), now(), " + busy + ", 'batch_busy.tar',"
                + " 'e', 'b', 'u', 'n', 'Ingest', 'Store', 'Started', 'o', now(), now(), true, 0, false, 2, 1)");
        long before = requests();

        ApiClient.Reply wrongKey = batch("system@aptrust.org", 2, 2, List.of(ok), "00000000-0000-0000-0000-000000000000");
        assertThat(wrongKey.status()).isEqualTo(403);
        assertThat(wrongKey.body()).doesNotContain(KEY);
        assertThat(batch("system@aptrust.org", 2, 2, List.of(ok), "").status()).isEqualTo(403);
        // only APTrust admins reach the admin API at all
        assertThat(batch("admin@inst1.edu", 2, 2, List.of(ok), KEY).status()).isEqualTo(403);

        ApiClient.Reply other = batch("system@aptrust.org", 2, 2, List.of(ok, foreign), KEY);
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.body()).contains("institution2.edu/batch_foreign");
        ApiClient.Reply working = batch("system@aptrust.org", 2, 2, List.of(ok, busy), KEY);
        assertThat(working.status()).isEqualTo(409);
        assertThat(working.body()).contains("unfinished work");
        ApiClient.Reply user = batch("system@aptrust.org", 2, 4, List.of(ok), KEY);
        assertThat(user.status()).isEqualTo(403);
        assertThat(user.body()).contains("institutional admin");
        assertThat(batch("system@aptrust.org", 2, 2, List.of(ok, 999999), KEY).status()).isEqualTo(404);
        assertThat(batch("system@aptrust.org", 2, 2, List.of(), KEY).status()).isEqualTo(400);

        assertThat(requests()).isEqualTo(before);
        assertThat(DATA.query("SELECT count(*) FROM alerts WHERE type = 'Deletion Requested'"
                + " AND content LIKE '%batch_ok%'")).isZero();
    }
}
