package org.aptrust.registry.web.pages;

import static org.aptrust.registry.web.pages.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every list and detail page for every role, over HTTP through the whole application, asserting the rows and
 * totals of the fixture set (fixtures/README.md): admins see every institution, everyone else only their own,
 * and another institution's row is the same 404 as a missing one.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PagesByRoleTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = WebApp.on(DB);
    private static final Map<String, PageClient> CLIENTS = new ConcurrentHashMap<>();

    @AfterAll
    static void drop() {
        DB.drop();
    }

    /** One signed-in client per user, reused by the read-only tests. */
    static PageClient as(String email) {
        return CLIENTS.computeIfAbsent(email, e -> new PageClient(APP.getLocalPort()).signIn(e));
    }

    static PageClient.Page ok(PageClient c, String path) {
        PageClient.Page p = c.get(path);
        assertThat(p.status()).as(path + ": " + p.text(".form-error") + p.text(".error-message")).isEqualTo(200);
        return p;
    }

    static String total(PageClient.Page p) {
        return p.text("nav.pager .total");
    }

    static int rowCount(PageClient.Page p) {
        return p.doc().select("table.list tbody tr").size();
    }

    @ParameterizedTest(name = "{0} sees {1} objects, {2} active, {3} files, {4} events, {5} work items, {6} deletions")
    @CsvSource({
        "system@aptrust.org, 18, 14, 80, 58, 39, 4",
        "admin@inst1.edu,     7,  5, 40, 30, 17, 2",
        "user@inst1.edu,      7,  5, 40, 30, 17, 2",
        "admin@inst2.edu,     5,  4, 21, 15, 12, 2",
        "user@inst2.edu,      5,  4, 21, 15, 12, 2",
        "admin@test.edu,      3,  3, 10,  6,  5, 0",
        "user@test.edu,       3,  3, 10,  6,  5, 0",
        "user@example.edu,    3,  2,  9,  7,  5, 0",
    })
    void listTotalsFollowTheRole(String email, int objects, int activeObjects, int files, int events, int items,
                                 int deletions) {
        PageClient c = as(email);
        assertThat(total(ok(c, "/objects"))).isEqualTo(objects + " results");
        assertThat(total(ok(c, "/objects?state=A"))).isEqualTo(activeObjects + " results");
        assertThat(total(ok(c, "/files"))).isEqualTo(files + " results");
        assertThat(total(ok(c, "/events"))).isEqualTo(events + " results");
        assertThat(total(ok(c, "/work_items"))).isEqualTo(items + " results");
        PageClient.Page d = ok(c, "/deletions/");
        assertThat(total(d)).isEqualTo(deletions + (deletions == 1 ? " result" : " results"));
        assertThat(rowCount(d)).isEqualTo(deletions);
    }

    @Test
    void nonAdminsSeeOnlyTheirInstitutionWhateverTheUrlSays() {
        PageClient c = as("user@inst1.edu");
        PageClient.Page p = ok(c, "/objects?per_page=100");
        assertThat(p.column("table.list", "Identifier")).hasSize(7).allMatch(s -> s.startsWith("institution1.edu/"));
        assertThat(p.doc().select("table.list thead th").eachText()).doesNotContain("Institution");
        assertThat(p.doc().select("select[name=institution_id]")).isEmpty();
        assertThat(total(ok(c, "/objects?institution_id=3"))).isEqualTo("0 results");
        assertThat(total(ok(c, "/work_items?institution_id=3"))).isEqualTo("0 results");
        assertThat(total(ok(c, "/events?institution_id=3"))).isEqualTo("0 results");

        PageClient.Page admin = ok(as("system@aptrust.org"), "/objects?institution_id=3");
        assertThat(total(admin)).isEqualTo("5 results");
        assertThat(admin.doc().select("select[name=institution_id] option[selected]").text())
                .isEqualTo("Institution Two");
    }

    @ParameterizedTest(name = "{0} gets 404 for {1}")
    @CsvSource({
        "user@inst1.edu, /objects/show/8",
        "user@inst1.edu, /objects/show/institution2.edu/maps_collection",
        "user@inst1.edu, /files/show/44",
        "user@inst1.edu, /events/show/36",
        "user@inst1.edu, /work_items/show/24",
        "user@inst1.edu, /deletions/show/3",
        "user@inst1.edu, /institutions/show/3",
        "user@inst1.edu, /alerts/show/5/7",
        "admin@inst1.edu, /users/show/7",
        "admin@inst1.edu, /alerts/show/1/3",
        "user@test.edu, /objects/show/1",
        "user@inst1.edu, /objects/show/99999",
        "user@inst1.edu, /files/show/no-such-file",
    })
    void foreignAndMissingRowsLookTheSame(String email, String path) {
        PageClient.Page p = as(email).get(path);
        assertThat(p.status()).isEqualTo(404);
        assertThat(p.text("h1")).isEqualTo("Not found");
        assertThat(p.text(".error-message")).isEqualTo(ErrorView.defaultMessage(404));
    }

    @Test
    void adminOnlyPagesAreRefusedToOthers() {
        assertThat(as("user@inst1.edu").get("/institutions").status()).isEqualTo(403);
        assertThat(as("admin@inst1.edu").get("/institutions").status()).isEqualTo(403);
        assertThat(as("user@inst1.edu").get("/users").status()).isEqualTo(403);
        assertThat(as("user@inst1.edu").get("/users/show/2").status()).isEqualTo(403);
        PageClient.Page inst = ok(as("system@aptrust.org"), "/institutions");
        assertThat(inst.column("table.list", "Name")).containsExactly("APTrust", "Example College",
                "Former Member University", "Institution One", "Institution Two", "Test University");
    }

    @Test
    void usersListIsScopedForInstitutionalAdmins() {
        assertThat(total(ok(as("system@aptrust.org"), "/users"))).isEqualTo("14 results");
        PageClient.Page p = ok(as("admin@inst1.edu"), "/users");
        assertThat(total(p)).isEqualTo("5 results");
        assertThat(p.column("table.list", "Email")).containsExactlyInAnyOrder("admin@inst1.edu", "admin2@inst1.edu",
                "user@inst1.edu", "inactive@inst1.edu", "nobody@inst1.edu");
        assertThat(total(ok(as("admin@inst1.edu"), "/users?deactivated_at__is_null=true"))).isEqualTo("4 results");
        assertThat(ok(as("user@inst1.edu"), "/users/show/4").text("h1")).isNotBlank();
    }

    @Test
    void alertsAreEachUsersOwn() {
        assertThat(total(ok(as("admin@inst1.edu"), "/alerts"))).isEqualTo("6 results");
        assertThat(total(ok(as("admin@inst2.edu"), "/alerts"))).isEqualTo("7 results");
        assertThat(total(ok(as("user@inst2.edu"), "/alerts"))).isEqualTo("1 result");
        assertThat(total(ok(as("system@aptrust.org"), "/alerts"))).isEqualTo("31 results");
        PageClient.Page p = ok(as("admin@inst1.edu"), "/alerts/show/10/2");
        assertThat(p.body()).contains("Failed Fixity Check");
    }

    @Test
    void objectPageShowsFilesEventsFormatsAndThePendingFlag() {
        PageClient c = as("admin@inst1.edu");
        PageClient.Page four = ok(c, "/objects/show/4");
        assertThat(four.text("h1")).isEqualTo("Object institution1.edu/theses_2020");
        assertThat(four.doc().select(".flag").text()).contains("in progress");
        assertThat(four.text("#files nav.pager .total")).isEqualTo("5 results");

        PageClient.Page one = ok(c, "/objects/show/institution1.edu/photo_collection_2016");
        // Work item 12, a pending Restore File of this object named photo_collection_2016.tar (the original,
        // matching the bare bag name only, showed no flag here).
        assertThat(one.doc().select(".flag").text()).contains("in progress");
        assertThat(ok(c, "/objects/show/2").doc().select(".flag")).isEmpty();
        assertThat(one.text("#files nav.pager .total")).isEqualTo("6 results");
        assertThat(one.doc().select("#formats canvas[role=img]").attr("aria-label")).contains("Active files by format");
        assertThat(one.doc().select("#formats table tbody tr").last().text()).startsWith("Total 6");
        assertThat(one.doc().select("#events table thead th").eachText()).contains("Type", "Outcome");

        // The file search matches a part of the identifier or a whole digest, old or new.
        PageClient.Page byDigest = ok(c, "/objects/show/1?file_filter=92da0816caeaec989f7a5c1e89fed494");
        assertThat(byDigest.column("#files table", "Identifier"))
                .containsExactly("institution1.edu/photo_collection_2016/data/images/photo_001.jpg");
        PageClient.Page byName = ok(c, "/objects/show/1?file_filter=PHOTO_001");
        assertThat(byName.text("#files nav.pager .total")).isEqualTo("1 result");
        assertThat(ok(c, "/objects/show/6?file_state=D").text("#files nav.pager .total")).isEqualTo("4 results");
    }

    @Test
    void filePageShowsChecksumsStorageRecordsAndEvents() {
        PageClient.Page p = ok(as("user@inst1.edu"), "/files/show/4");
        assertThat(p.rows("#checksums table")).hasSize(4);
        List<String> digests = p.column("#checksums table", "Digest");
        // Newest first: the reingest's md5 and sha256, then the originals.
        assertThat(digests.subList(0, 2)).containsExactlyInAnyOrder("4ccc36397b9a8e284c448ee5baee7ebc",
                "349489342ab9688ab6c818dd050195ff5317b2847fc916d6e871d42f8609aecb");
        assertThat(digests.subList(2, 4)).anyMatch(d -> d.equals("92da0816caeaec989f7a5c1e89fed494"))
                .anyMatch(d -> d.startsWith("f93bae1a") && d.endsWith("835f17"));
        assertThat(p.rows("#storage table")).hasSize(2);
        assertThat(p.column("#events table", "Type")).contains("fixity check");
        assertThat(ok(as("user@inst1.edu"), "/files/show/5").doc().select(".flag").text()).contains("in progress");
    }

    @Test
    void otherDetailPagesRender() {
        PageClient c = as("admin@inst2.edu");
        PageClient.Page dr = ok(c, "/deletions/show/3");
        assertThat(dr.body()).contains("Cancelled").contains("admin2@inst2.edu");
        assertThat(dr.rows("#objects table")).hasSize(1);
        assertThat(ok(c, "/events/show/36").doc().select("td.outcome-Failed").text()).isEqualTo("Failed");
        assertThat(ok(c, "/work_items/show/25").body()).contains("Suspended");
        PageClient.Page inst = ok(as("admin@inst1.edu"), "/institutions/show/2");
        assertThat(inst.column("#sub-accounts table", "Name")).containsExactly("Example College");
        assertThat(inst.rows("#users table")).hasSize(4);
        assertThat(ok(as("system@aptrust.org"), "/institutions/show/6").body()).contains("Former Member University");
    }

    @Test
    void identifierSearchMatchingOneObjectGoesStraightToIt() {
        PageClient c = as("admin@inst1.edu");
        PageClient.Page p = c.get("/objects?identifier=institution1.edu/theses_2020");
        assertThat(p.status()).isEqualTo(303);
        assertThat(p.location()).endsWith("/objects/show/4");
        assertThat(total(ok(c, "/objects?identifier__starts_with=institution1.edu/"))).isEqualTo("7 results");
        // Another institution's object is not found by its identifier either.
        assertThat(total(ok(as("user@inst2.edu"), "/objects?identifier=institution1.edu/theses_2020")))
                .isEqualTo("0 results");
    }

    @Test
    void sortableHeadersSortAndToggle() {
        PageClient c = as("system@aptrust.org");
        PageClient.Page asc = ok(c, "/objects?sort=identifier__asc&per_page=50");
        List<String> ids = asc.column("table.list", "Identifier");
        assertThat(ids).hasSize(18).isSorted();
        assertThat(asc.doc().select("th[aria-sort=ascending]").text()).startsWith("Identifier");
        String toggle = asc.doc().select("th[aria-sort=ascending] a").attr("href");
        assertThat(toggle).contains("sort=identifier__desc").contains("per_page=50");
        PageClient.Page desc = ok(c, toggle);
        List<String> reversed = new java.util.ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        assertThat(desc.column("table.list", "Identifier")).isEqualTo(reversed);

        List<String> sizes = ok(c, "/files?sort=size__desc&per_page=5").column("table.list", "Size");
        assertThat(sizes.get(0)).isEqualTo("4.7 GB");
    }

    @Test
    void pagersAtTopAndBottomWithTwentyFiftyOrAHundred() {
        PageClient c = as("admin@inst1.edu");
        PageClient.Page first = ok(c, "/files");
        assertThat(first.doc().select("nav.pager")).hasSize(2);
        assertThat(rowCount(first)).isEqualTo(20);
        assertThat(first.text("nav.pager")).contains("page 1 of 2");
        assertThat(first.doc().select("nav.pager").first().select(".per-page a").eachText())
                .containsExactly("50", "100");
        String next = first.doc().select("nav.pager a[rel=next]").attr("href");
        PageClient.Page second = ok(c, next);
        assertThat(rowCount(second)).isEqualTo(20);
        assertThat(second.doc().select("nav.pager a[rel=next]")).isEmpty();
        assertThat(second.column("table.list", "Identifier")).doesNotContainAnyElementsOf(
                first.column("table.list", "Identifier"));
        assertThat(rowCount(ok(c, "/files?per_page=50"))).isEqualTo(40);
    }

    @Test
    void workItemMultiSelectsFilter() {
        PageClient c = as("admin@inst1.edu");
        PageClient.Page p = ok(c, "/work_items?action__in=Ingest&action__in=Delete");
        assertThat(total(p)).isEqualTo("12 results");
        assertThat(p.doc().select("select[name=action__in] option[selected]").eachText())
                .containsExactlyInAnyOrder("Ingest", "Delete");
        assertThat(p.doc().select("select[name=action__in]").hasAttr("multiple")).isTrue();
        assertThat(total(ok(as("system@aptrust.org"), "/work_items?status__in=Failed"))).isEqualTo("3 results");
        assertThat(total(ok(as("system@aptrust.org"), "/work_items?needs_admin_review=true"))).isEqualTo("1 result");
        PageClient.Page admin = ok(as("system@aptrust.org"), "/work_items");
        String missing = admin.doc().select("ul.presets a:contains(Ingested without an object)").attr("href");
        // Items 16, 17, 26, 29, 33 and 39 never produced an object; of those only the successful ones count.
        assertThat(ok(as("system@aptrust.org"), missing).column("table.list", "Status")).allMatch("Success"::equals);
    }

    @Test
    void invalidFilterValuesShowTheFormAgainWithTheMessage() {
        PageClient c = as("admin@inst1.edu");
        PageClient.Page p = c.get("/objects?created_at__gteq=yesterday&identifier__starts_with=inst");
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.text("h1")).isEqualTo("Objects");
        assertThat(p.text(".form-error")).contains("'yesterday' is not a date").contains("created_at__gteq");
        assertThat(p.doc().select("input[name=identifier__starts_with]").attr("value")).isEqualTo("inst");
        assertThat(p.doc().select("a[download]")).isEmpty();

        PageClient.Page sort = c.get("/files?sort=colour__asc");
        assertThat(sort.status()).isEqualTo(400);
        assertThat(sort.text(".form-error")).contains("cannot sort files by 'colour__asc'").contains("uuid");
        PageClient.Page status = c.get("/work_items?status__in=Done");
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.text(".form-error")).contains("'Done' is not a valid value").contains("Pending");
        assertThat(c.get("/events?per_page=0").status()).isEqualTo(400);
    }

    @Test
    void formsLabelEveryField() {
        PageClient.Page p = ok(as("system@aptrust.org"), "/work_items");
        for (var input : p.doc().select("form.filters input:not([type=hidden]), form.filters select")) {
            assertThat(p.doc().select("label[for=" + input.id() + "]")).as(input.attr("name")).hasSize(1);
        }
        assertThat(p.doc().select("table.list th[scope=col]")).isNotEmpty();
    }

    @Test
    void dashboardShowsRecentWorkAlertsAndTotals() {
        PageClient.Page p = ok(as("admin@inst1.edu"), "/dashboard");
        assertThat(p.doc().select("ul.cards li").eachText()).containsExactly("30 events", "5 active objects",
                "32 active files");
        assertThat(p.rows("#recent-work-items table")).hasSize(10);
        assertThat(p.rows("#recent-alerts table")).hasSize(6);
        PageClient.Page admin = ok(as("system@aptrust.org"), "/dashboard");
        assertThat(admin.doc().select("ul.cards li").eachText()).containsExactly("58 events", "14 active objects",
                "67 active files");
        assertThat(admin.rows("#recent-alerts table")).hasSize(1);
    }

    @Test
    void markingAlertsReadAndUnreadTouchesOnlyOnesOwn() {
        PageClient c = new PageClient(APP.getLocalPort()).signIn("user@example.edu");
        PageClient.Page list = ok(c, "/alerts?read_at__is_null=true");
        assertThat(total(list)).isEqualTo("1 result");
        assertThat(list.doc().select("input[type=checkbox][name=id__in]").eachAttr("value")).containsExactly("16");
        PageClient.Page done = c.post("/alerts/mark_as_read", form("id__in", "16", "id__in", "1",
                "back", "/alerts?read_at__is_null=true"));
        assertThat(done.status()).isEqualTo(303);
        assertThat(done.location()).endsWith("/alerts?read_at__is_null=true");
        assertThat(total(ok(c, "/alerts?read_at__is_null=true"))).isEqualTo("0 results");
        c.post("/alerts/mark_as_unread", form("id__in[]", "16"));
        assertThat(total(ok(c, "/alerts?read_at__is_null=true"))).isEqualTo("1 result");
        c.post("/alerts/mark_all_as_read", Map.of());
        assertThat(total(ok(c, "/alerts?read_at__is_null=true"))).isEqualTo("0 results");
        // Alert 1 went to users 2 and 3: user 3's copy is still unread.
        assertThat(ok(as("system@aptrust.org"), "/alerts?user_id=3&read_at__is_null=true").column("table.list",
                "Subject")).hasSize(2);
        assertThat(c.post("/alerts/mark_as_read", form("id__in", "x")).status()).isEqualTo(400);

        // The original's page scripts PUT the same form and read JSON: only one's own alerts are marked.
        PageClient.Page put = c.put("/alerts/mark_as_unread", form("id__in[]", "16", "id__in[]", "1"));
        assertThat(put.status()).isEqualTo(404);
        assertThat(put.header("Content-Type")).startsWith("application/json");
        assertThat(put.body()).isEqualTo("{\"succeeded\":[16],\"failed\":[1],\"error\":\"No alert to you with id 1.\"}");
        assertThat(total(ok(c, "/alerts?read_at__is_null=true"))).isEqualTo("1 result");
        PageClient.Page read = c.put("/alerts/mark_as_read", form("id__in", "16"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("{\"succeeded\":[16],\"failed\":[],\"error\":\"\"}");
        assertThat(total(ok(c, "/alerts?read_at__is_null=true"))).isEqualTo("0 results");
        assertThat(c.put("/alerts/mark_as_read", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void viewingOnesAlertMarksItRead() {
        PageClient c = new PageClient(APP.getLocalPort()).signIn("admin@test.edu");
        assertThat(total(ok(c, "/alerts?read_at__is_null=true"))).isEqualTo("1 result");
        PageClient.Page alert = ok(c, "/alerts/show/14/10");
        assertThat(alert.body()).contains("Restoration Spot Test Completed");
        assertThat(total(ok(c, "/alerts?read_at__is_null=true"))).isEqualTo("0 results");
    }

    @Test
    void everyPageNeedsSignIn() {
        PageClient anonymous = new PageClient(APP.getLocalPort());
        for (String path : List.of("/dashboard", "/objects", "/objects/show/1", "/files", "/files/show/1", "/events",
                "/events/show/1", "/work_items", "/work_items/show/1", "/alerts", "/alerts/show/1/2", "/deletions/",
                "/deletions/show/1", "/institutions", "/institutions/show/1", "/users", "/users/show/1")) {
            PageClient.Page p = anonymous.get(path);
            assertThat(p.status()).as(path).isEqualTo(303);
            assertThat(p.location()).as(path).contains("/users/sign_in?next=");
        }
    }

    @Test
    void internalsPageIsForAdminsAndRunsTheAdminTasks() {
        assertThat(as("admin@inst1.edu").get("/internal_metadata").status()).isEqualTo(403);
        PageClient c = new PageClient(APP.getLocalPort()).signIn("ops@aptrust.org");
        PageClient.Page p = ok(c, "/internal_metadata");
        assertThat(p.rows("#migrations table")).anyMatch(r -> r.get(0).equals("000_initial_schema")
                && r.get(1).equals("applied"));
        assertThat(p.doc().select("#metadata table")).hasSize(1);
        assertThat(p.doc().select("form.action button").eachText()).contains("Migration status",
                "Apply pending migrations", "Refresh counts", "Scheduler status");
        assertThat(p.column("#jobs table", "Job")).containsExactly("counts", "current", "historical", "empty");
        PageClient.Page ran = c.post("/internal_metadata/tasks/migration-status", Map.of());
        assertThat(ran.status()).isEqualTo(200);
        assertThat(ran.doc().select("pre.content").text()).contains("000_initial_schema").contains("applied");
        assertThat(c.postRaw("/internal_metadata/tasks/migrate", Map.of(), Map.of()).status()).isEqualTo(403);
        assertThat(c.post("/internal_metadata/tasks/no-such-task", Map.of()).status()).isEqualTo(404);
        c.get("/internal_metadata");
        assertThat(c.post("/internal_metadata/tasks/migrate", Map.of()).doc().select("pre.content").text())
                .contains("applied 0 migration(s)");
        PageClient.Page counts = c.post("/internal_metadata/tasks/refresh-stats-counts-true", Map.of());
        assertThat(counts.doc().select("pre.content").text()).contains("counts");
        assertThat(counts.rows("#jobs table")).anyMatch(r -> r.get(0).equals("counts") && !r.get(3).equals("never"));
    }
}
