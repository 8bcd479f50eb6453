package org.aptrust.registry.web.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.aptrust.registry.web.pages.PageClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The deletion workflow over HTTP, end to end: an institutional admin asks from the object's or file's page, the
 * institution's admins receive the review link by mail (a real SMTP server, GreenMail), another admin follows it
 * and approves or cancels; approval makes Delete work items that reach nsqd's /pub (recorded in this JVM). Every
 * refusal (wrong or expired token, decided request, unfinished work, wrong role) writes nothing, and two admins
 * approving at the same moment make one set of work items.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DeletionWorkflowTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    private static final WorkflowData DATA = new WorkflowData(DB);
    private static final Mailbox MAIL = new Mailbox();
    private static final RecordingNsqd NSQD = new RecordingNsqd();
    static final DropwizardAppExtension<RegistryConfiguration> APP = WorkflowData.app(DB, MAIL, NSQD,
            ConfigOverride.config("api.publicUrl", "https://registry.example.org"));
    private static final Pattern REVIEW = Pattern.compile(
            "https://registry\\.example\\.org(/deletions/review/(\\d+)\\?token=([A-Za-z0-9_-]+))");

    @AfterAll
    static void stop() {
        MAIL.close();
        NSQD.close();
        DB.drop();
    }

    // ---- arranging ----------------------------------------------------------------------------------------------

    private static long query(String sql) {
        return DATA.query(sql);
    }

    private static String text(String sql) {
        return DATA.text(sql);
    }

    private static void execute(String sql) {
        DATA.execute(sql);
    }

    /** Active institutional admins of test.edu (institution 4) named {@code <who>@test.edu}, with user 10's password. */
    private static void addTestEduAdmins(String... who) {
        for (String w : who) {
            execute("INSERT INTO users (name, email, created_at, updated_at, encrypted_password, institution_id, role,"
                    + " initial_password_updated, account_confirmed) SELECT 'Test " + w + " admin', '" + w
                    + "@test.edu', now(), now(), encrypted_password, 4, 'institutional_admin', true, true"
                    + " FROM users WHERE id = 10");
        }
    }

    private static int newObject(int institution, String domain, String bag) {
        return DATA.newObject(institution, domain, bag);
    }

    private static int fileOf(int objectId, String name) {
        return DATA.fileOf(objectId, name);
    }

    private static PageClient as(String email) {
        return new PageClient(APP.getLocalPort()).signIn(email);
    }

    /** The review link mailed to {@code to} for the request: its path, request id and token. */
    private static String[] reviewLink(String to, long requestId) {
        Mailbox.Mail mail = MAIL.await(1, m -> m.to().equals(to) && m.subject().equals("Deletion Requested")
                && m.body().contains("/deletions/review/" + requestId + "?")).get(0);
        Matcher m = REVIEW.matcher(mail.body());
        assertThat(m.find()).as(mail.body()).isTrue();
        return new String[] {m.group(1), m.group(2), m.group(3)};
    }

    private static long requestIdOf(PageClient.Page created) {
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        Matcher m = Pattern.compile("/deletions/show/(\\d+)$").matcher(created.location());
        assertThat(m.find()).as(created.location()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static List<String> publishedFor(long requestId) {
        return DATA.publishedFor(NSQD, requestId);
    }

    // ---- the workflow -------------------------------------------------------------------------------------------

    @Test
    void anObjectIsRequestedReviewedFromTheMailAndApprovedBySecondAdmin() {
        int object = newObject(2, "institution1.edu", "wf_object");
        PageClient requester = as("admin@inst1.edu");
        PageClient.Page page = requester.get("/objects/show/" + object);
        assertThat(page.doc().select("a[href=/objects/request_delete/" + object + "]").text())
                .isEqualTo("Delete this object");

        PageClient.Page confirm = requester.get("/objects/request_delete/" + object);
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.doc().select("ul.items li").eachText())
                .containsExactly("object institution1.edu/wf_object (2 active file(s), 3.3 KB)");
        long id = requestIdOf(requester.post("/objects/init_delete/" + object, Map.of()));

        // The token is stored hashed; the alert is stored without it and goes to both admins of the institution.
        String[] link = reviewLink("admin2@inst1.edu", id);
        reviewLink("admin@inst1.edu", id);
        assertThat(text("SELECT encrypted_confirmation_token FROM deletion_requests WHERE id = " + id))
                .isNotEqualTo(link[2]).hasSize(64);
        assertThat(text("SELECT content FROM alerts WHERE deletion_request_id = " + id
                + " AND type = 'Deletion Requested'")).contains("institution1.edu/wf_object").doesNotContain(link[2]);
        assertThat(query("SELECT count(*) FROM alerts_users au JOIN alerts a ON a.id = au.alert_id"
                + " WHERE a.deletion_request_id = " + id + " AND a.type = 'Deletion Requested'")).isEqualTo(2);
        assertThat(query("SELECT count(*) FROM work_items WHERE deletion_request_id = " + id)).isZero();

        // The requester may not approve it alone while the institution has another admin.
        PageClient.Page review = requester.get(link[0]);
        assertThat(review.status()).isEqualTo(200);
        PageClient.Page self = requester.post("/deletions/approve/" + id, PageClient.form("token", link[2]));
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.body()).contains("another institutional admin");

        PageClient approver = as("admin2@inst1.edu");
        PageClient.Page shown = approver.get(link[0]);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.doc().select("ul.items li").eachText())
                .containsExactly("object institution1.edu/wf_object (2 active file(s), 3.3 KB)");
        assertThat(shown.doc().select("form[action=/deletions/approve/" + id + "] input[name=token]").attr("value"))
                .isEqualTo(link[2]);
        PageClient.Page approved = approver.post("/deletions/approve/" + id, PageClient.form("token", link[2]));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        long item = query("SELECT id FROM work_items WHERE deletion_request_id = " + id);
        assertThat(query("SELECT count(*) FROM work_items WHERE deletion_request_id = " + id + " AND action = 'Delete'"
                + " AND status = 'Pending' AND stage = 'Requested' AND intellectual_object_id = " + object
                + " AND generic_file_id IS NULL AND \"user\" = 'admin@inst1.edu'"
                + " AND inst_approver = 'admin2@inst1.edu' AND name = 'wf_object.tar' AND size = 3345"
                + " AND queued_at IS NOT NULL")).isEqualTo(1);
        assertThat(publishedFor(id)).containsExactly("delete_item " + item);
        assertThat(approved.doc().select("a[href=/work_items/show/" + item + "]")).hasSize(1);
        assertThat(text("SELECT confirmed_by_id FROM deletion_requests WHERE id = " + id)).isEqualTo("3");

        // "Deletion Confirmed" reaches the requester and the admins, and alerts_users records each delivery.
        Mailbox.Mail confirmed = MAIL.awaitOne("admin@inst1.edu", "Deletion Confirmed");
        assertThat(confirmed.body()).contains("https://registry.example.org/work_items/show/" + item);
        MAIL.awaitOne("admin2@inst1.edu", "Deletion Confirmed");
        awaitSent(id, "Deletion Confirmed", 2);

        // Approving again, or cancelling now, is refused and makes nothing more.
        PageClient.Page again = approver.post("/deletions/approve/" + id, PageClient.form("token", link[2]));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("already approved");
        assertThat(approver.post("/deletions/cancel/" + id, PageClient.form("token", link[2])).status())
                .isEqualTo(409);
        assertThat(query("SELECT count(*) FROM work_items WHERE deletion_request_id = " + id)).isEqualTo(1);
        assertThat(publishedFor(id)).hasSize(1);
        assertThat(query("SELECT count(*) FROM alerts WHERE deletion_request_id = " + id)).isEqualTo(2);
        // the review page now says so, without buttons
        PageClient.Page decided = approver.get(link[0]);
        assertThat(decided.status()).isEqualTo(200);
        assertThat(decided.text("p.lead")).contains("already approved");
        assertThat(decided.doc().select("form[action^=/deletions/]")).isEmpty();
    }

    private static void awaitSent(long requestId, String type, int recipients) {
        long end = System.nanoTime() + 20_000_000_000L;
        String sql = "SELECT count(*) FROM alerts_users au JOIN alerts a ON a.id = au.alert_id WHERE a.deletion_request_id = "
                + requestId + " AND a.type = '" + type + "' AND au.sent_at IS NOT NULL";
        while (query(sql) < recipients && System.nanoTime() < end) {
            Thread.yield();
        }
        assertThat(query(sql)).isEqualTo(recipients);
    }

    @Test
    void aFileRequestIsCancelledAndACancelledRequestCannotBeApproved() {
        int object = newObject(3, "institution2.edu", "wf_file");
        int file = fileOf(object, "b.txt");
        PageClient requester = as("admin@inst2.edu");
        assertThat(requester.get("/files/show/" + file).doc().select("a[href=/files/request_delete/" + file + "]"))
                .hasSize(1);
        PageClient.Page confirm = requester.get("/files/request_delete/" + file);
        assertThat(confirm.doc().select("ul.items li").eachText())
                .containsExactly("file institution2.edu/wf_file/data/b.txt (2.3 KB)");
        long id = requestIdOf(requester.post("/files/init_delete/" + file, Map.of()));
        assertThat(query("SELECT generic_file_id FROM deletion_requests_generic_files WHERE deletion_request_id = "
                + id)).isEqualTo(file);

        String[] link = reviewLink("admin2@inst2.edu", id);
        PageClient canceller = as("admin2@inst2.edu");
        canceller.get(link[0]);
        PageClient.Page cancelled = canceller.post("/deletions/cancel/" + id, PageClient.form("token", link[2]));
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.text("p.lead")).contains("Nothing will be deleted");
        Mailbox.Mail mail = MAIL.awaitOne("admin@inst2.edu", "Deletion Cancelled");
        assertThat(mail.body()).contains("institution2.edu/wf_file/data/b.txt");

        PageClient.Page approve = canceller.post("/deletions/approve/" + id, PageClient.form("token", link[2]));
        assertThat(approve.status()).isEqualTo(409);
        assertThat(approve.body()).contains("was cancelled");
        assertThat(query("SELECT count(*) FROM work_items WHERE deletion_request_id = " + id)).isZero();
        assertThat(publishedFor(id)).isEmpty();
        // a cancelled request no longer blocks a new one
        assertThat(requester.get("/files/request_delete/" + file).status()).isEqualTo(200);
    }

    @Test
    void wrongExpiredAndForeignTokensAndWrongRolesAreRefused() {
        int object = newObject(2, "institution1.edu", "wf_refusals");
        PageClient requester = as("admin@inst1.edu");
        requester.get("/objects/request_delete/" + object);
        long id = requestIdOf(requester.post("/objects/init_delete/" + object, Map.of()));
        String[] link = reviewLink("admin2@inst1.edu", id);

        // a second request over the same object waits for the first
        PageClient.Page twice = requester.get("/objects/request_delete/" + object);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body()).contains("already in deletion request " + id);

        PageClient approver = as("admin2@inst1.edu");
        PageClient.Page wrong = approver.get("/deletions/review/" + id + "?token=not-the-token");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.body()).contains("not valid");
        approver.get(link[0]);
        assertThat(approver.post("/deletions/approve/" + id, PageClient.form("token", "x" + link[2])).status())
                .isEqualTo(403);
        assertThat(approver.post("/deletions/approve/" + id, Map.of()).status()).isEqualTo(403);
        // another request's token does not open this one (fixture request 1's token is "ConfirmationToken")
        assertThat(approver.post("/deletions/approve/" + id, PageClient.form("token", "ConfirmationToken")).status())
                .isEqualTo(403);

        // users, APTrust admins and other institutions' admins may not decide, even with the token
        PageClient user = as("user@inst1.edu");
        assertThat(user.get(link[0]).status()).isEqualTo(403);
        PageClient ops = as("ops@aptrust.org");
        assertThat(ops.get(link[0]).status()).isEqualTo(403);
        PageClient other = as("admin@inst2.edu");
        assertThat(other.get(link[0]).status()).isEqualTo(403);
        other.get("/dashboard");
        assertThat(other.post("/deletions/approve/" + id, PageClient.form("token", link[2])).status())
                .isEqualTo(403);

        // an expired link is refused as such
        execute("UPDATE deletion_requests SET requested_at = requested_at - interval '15 days' WHERE id = " + id);
        PageClient.Page expired = approver.post("/deletions/approve/" + id, PageClient.form("token", link[2]));
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("expired");
        assertThat(approver.get(link[0]).status()).isEqualTo(410);
        assertThat(query("SELECT count(*) FROM work_items WHERE deletion_request_id = " + id)).isZero();
        assertThat(text("SELECT confirmed_at IS NULL AND cancelled_at IS NULL FROM deletion_requests WHERE id = "
                + id)).isEqualTo("t");

        // who may ask: institutional admins of the institution only
        assertThat(user.get("/objects/request_delete/" + object).status()).isEqualTo(403);
        assertThat(user.post("/objects/init_delete/" + object, Map.of()).status()).isEqualTo(403);
        assertThat(ops.get("/objects/request_delete/" + object).status()).isEqualTo(403);
        assertThat(other.get("/objects/request_delete/" + object).status()).isEqualTo(404);
    }

    @Test
    void unfinishedWorkOrADeletedObjectRefusesTheRequest() {
        int object = newObject(2, "institution1.edu", "wf_busy");
        execute("INSERT INTO work_items (created_at, updated_at, intellectual_object_id, name, etag, bucket, \"user\","
                + " note, action, stage, status, outcome, bag_date, date_processed, retry, pid, needs_admin_review,"
                + " institution_id, size) VALUES (now(), now(), " + object + ", 'wf_busy.tar', 'e', 'b', 'u', 'n',"
                + " 'Restore Object', 'Requested', 'Pending', 'o', now(), now(), true, 0, false, 2, 1)");
        PageClient admin = as("admin@inst1.edu");
        assertThat(admin.get("/objects/show/" + object).doc().select("a[href=/objects/request_delete/" + object
                + "]")).isEmpty();
        PageClient.Page page = admin.get("/objects/request_delete/" + object);
        assertThat(page.status()).isEqualTo(409);
        assertThat(page.body()).contains("1 unfinished work item(s)");
        admin.get("/dashboard");
        assertThat(admin.post("/objects/init_delete/" + object, Map.of()).status()).isEqualTo(409);
        int file = fileOf(object, "a.txt");
        assertThat(admin.get("/files/request_delete/" + file).status()).isEqualTo(409);
        assertThat(query("SELECT count(*) FROM deletion_requests_intellectual_objects WHERE intellectual_object_id = "
                + object)).isZero();

        int gone = newObject(2, "institution1.edu", "wf_gone");
        execute("UPDATE intellectual_objects SET state = 'D' WHERE id = " + gone);
        PageClient.Page deleted = admin.get("/objects/request_delete/" + gone);
        assertThat(deleted.status()).isEqualTo(409);
        assertThat(deleted.body()).contains("not active");
    }

    @Test
    void twoAdminsApprovingAtTheSameMomentMakeOneSetOfWorkItems() throws Exception {
        addTestEduAdmins("second", "third");
        int first = newObject(4, "test.edu", "wf_race_1");
        int second = newObject(4, "test.edu", "wf_race_2");
        PageClient requester = as("admin@test.edu");
        requester.get("/objects/request_delete/" + first);
        long id = requestIdOf(requester.post("/objects/init_delete/" + first, Map.of()));
        // two objects in one request: add the second as a batch would, through the link table
        execute("INSERT INTO deletion_requests_intellectual_objects VALUES (" + id + ", " + second + ")");
        String[] link = reviewLink("second@test.edu", id);

        List<PageClient> admins = List.of(as("second@test.edu"), as("third@test.edu"));
        for (PageClient a : admins) {
            assertThat(a.get(link[0]).status()).isEqualTo(200);
        }
        CyclicBarrier barrier = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<PageClient.Page>> answers = new ArrayList<>();
            for (PageClient a : admins) {
                answers.add(pool.submit(() -> {
                    barrier.await();
                    return a.post("/deletions/approve/" + id, PageClient.form("token", link[2]));
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<PageClient.Page> f : answers) {
                statuses.add(f.get().status());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(query("SELECT count(*) FROM work_items WHERE deletion_request_id = " + id)).isEqualTo(2);
        assertThat(query("SELECT count(DISTINCT intellectual_object_id) FROM work_items WHERE deletion_request_id = "
                + id)).isEqualTo(2);
        assertThat(publishedFor(id)).hasSize(2);
        assertThat(query("SELECT count(*) FROM alerts WHERE deletion_request_id = " + id
                + " AND type = 'Deletion Confirmed'")).isEqualTo(1);
    }

    @Test
    void anApprovalAndACancelAtTheSameMomentDecideOnce() throws Exception {
        addTestEduAdmins("approving", "cancelling");
        int object = newObject(4, "test.edu", "wf_race_cancel");
        PageClient requester = as("admin@test.edu");
        requester.get("/objects/request_delete/" + object);
        long id = requestIdOf(requester.post("/objects/init_delete/" + object, Map.of()));
        String[] link = reviewLink("approving@test.edu", id);

        PageClient approver = as("approving@test.edu");
        PageClient canceller = as("cancelling@test.edu");
        assertThat(approver.get(link[0]).status()).isEqualTo(200);
        assertThat(canceller.get(link[0]).status()).isEqualTo(200);
        CyclicBarrier barrier = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int approved;
        int cancelled;
        try {
            Future<PageClient.Page> approve = pool.submit(() -> {
                barrier.await();
                return approver.post("/deletions/approve/" + id, PageClient.form("token", link[2]));
            });
            Future<PageClient.Page> cancel = pool.submit(() -> {
                barrier.await();
                return canceller.post("/deletions/cancel/" + id, PageClient.form("token", link[2]));
            });
            approved = approve.get().status();
            cancelled = cancel.get().status();
        } finally {
            pool.shutdownNow();
        }
        // exactly one decision is taken; the other is told the request was already decided
        assertThat(List.of(approved, cancelled)).containsExactlyInAnyOrder(200, 409);
        long items = query("SELECT count(*) FROM work_items WHERE deletion_request_id = " + id);
        long confirmedAlerts = query("SELECT count(*) FROM alerts WHERE deletion_request_id = " + id
                + " AND type = 'Deletion Confirmed'");
        long cancelledAlerts = query("SELECT count(*) FROM alerts WHERE deletion_request_id = " + id
                + " AND type = 'Deletion Cancelled'");
        if (approved == 200) {
            assertThat(items).isEqualTo(1);
            assertThat(publishedFor(id)).hasSize(1);
            assertThat(confirmedAlerts).isEqualTo(1);
            assertThat(cancelledAlerts).isZero();
            assertThat(query("SELECT count(*) FROM deletion_requests WHERE id = " + id
                    + " AND cancelled_at IS NULL AND confirmed_at IS NOT NULL")).isEqualTo(1);
        } else {
            assertThat(items).isZero();
            assertThat(publishedFor(id)).isEmpty();
            assertThat(confirmedAlerts).isZero();
            assertThat(cancelledAlerts).isEqualTo(1);
            assertThat(query("SELECT count(*) FROM deletion_requests WHERE id = " + id
                    + " AND cancelled_at IS NOT NULL AND confirmed_at IS NULL")).isEqualTo(1);
        }
    }
}
