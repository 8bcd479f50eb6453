package org.aptrust.registry.web.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.api.ApiClient;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.aptrust.registry.web.pages.PageClient;
import org.aptrust.registry.web.pages.WebApp;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The routes and list options issue 19 added, through the whole application on the fixtures: the fragments
 * (/events/show_xhr, /objects/files, /objects/events), the web lists' sorts and filters (compared with the API's
 * answer to the same query), the deposit report's institution rules, the member API read from a signed-in browser,
 * and the NSQ page without an nsqd.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RouteAdditionsTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = WebApp.on(DB);
    private static final Map<String, PageClient> CLIENTS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterAll
    static void drop() {
        DB.drop();
    }

    static PageClient as(String email) {
        return CLIENTS.computeIfAbsent(email, e -> new PageClient(APP.getLocalPort()).signIn(e));
    }

    static PageClient.Page ok(PageClient c, String path) {
        PageClient.Page p = c.get(path);
        assertThat(p.status()).as(path + ": " + p.text(".form-error") + p.text(".error-message")).isEqualTo(200);
        return p;
    }

    /** The API's count for the same query, as the admin (scoping aside, the same list engine answers). */
    static long apiCount(String email, String path) {
        ApiClient.Reply r = ApiClient.as(APP.getLocalPort(), email).send("GET", path, null, null);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return ((Number) r.json().get("count")).longValue();
    }

    static String total(PageClient.Page p) {
        return p.text("nav.pager .total");
    }

    static String results(long n) {
        return n + (n == 1 ? " result" : " results");
    }

    // ------------------------------------------------------------------ fragments

    @Test
    void anEventAsAFragmentHasItsFactsAndNoLayout() {
        PageClient.Page p = ok(as("user@inst1.edu"), "/events/show_xhr/9");
        assertThat(p.body()).doesNotContain("<html").doesNotContain("site-header");
        assertThat(p.doc().select("div.fragment table.facts")).hasSize(1);
        assertThat(p.text("div.fragment")).contains("fixity check").contains("Failed")
                .contains("institution1.edu/photo_collection_2016");
        // the same rule as the full page: by UUID too, and another institution's event is not found
        String uuid = p.doc().select("table.facts tr:has(th:contains(Identifier)) td").text();
        assertThat(ok(as("user@inst1.edu"), "/events/show_xhr/" + uuid).text("div.fragment")).contains("Failed");
        assertThat(as("user@test.edu").get("/events/show_xhr/9").status()).isEqualTo(404);
        assertThat(as("user@inst1.edu").get("/events/show_xhr/999999").status()).isEqualTo(404);
    }

    @Test
    void anObjectsFilesAsAFragmentArePagedFilteredAndLinkToThemselves() {
        PageClient c = as("user@inst1.edu");
        PageClient.Page all = ok(c, "/objects/files/1");
        assertThat(all.body()).doesNotContain("<html");
        assertThat(all.doc().select("section#files table.list tbody tr")).hasSize(6);

        PageClient.Page second = ok(c, "/objects/files/1?page=2&per_page=2");
        assertThat(second.doc().select("section#files table.list tbody tr")).hasSize(2);
        Element next = second.doc().selectFirst("section#files nav.pager a[rel=next]");
        assertThat(next).isNotNull();
        assertThat(next.attr("href")).startsWith("/objects/files/1?").contains("file_page=3");
        assertThat(ok(c, next.attr("href")).doc().select("section#files table.list tbody tr")).hasSize(2);
        // the search form stays on the fragment
        assertThat(second.doc().selectFirst("section#files form.filters").attr("action"))
                .startsWith("/objects/files/1");

        PageClient.Page found = ok(c, "/objects/files/1?file_filter=photo_001");
        assertThat(found.doc().select("section#files table.list tbody tr").eachText())
                .singleElement().asString().contains("photo_001.jpg");

        PageClient.Page deleted = ok(as("system@aptrust.org"), "/objects/files/8?state=D");
        assertThat(deleted.doc().select("section#files table.list tbody tr").eachText())
                .singleElement().asString().contains("map_1860_old.tif");
        assertThat(as("user@test.edu").get("/objects/files/1").status()).isEqualTo(404);
    }

    @Test
    void anObjectsEventsAsAFragmentAreItsObjectLevelEvents() {
        long expected = apiCount("system@aptrust.org",
                "/member-api/v3/events?intellectual_object_id=1&generic_file_id__is_null=true");
        assertThat(expected).isPositive();
        PageClient.Page p = ok(as("user@inst1.edu"), "/objects/events/1");
        assertThat(p.body()).doesNotContain("<html");
        assertThat(p.doc().select("section#events table.list tbody tr")).hasSize((int) Math.min(expected, 20));
        PageClient.Page one = ok(as("user@inst1.edu"), "/objects/events/1?per_page=1");
        assertThat(one.doc().select("section#events table.list tbody tr")).hasSize(1);
        assertThat(as("user@test.edu").get("/objects/events/1").status()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ lists

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/events?sort=id__desc",
        "/events?sort=id",
        "/objects?sort=id",
        "/objects?sort=bag_name__desc",
        "/work_items?sort=bucket__asc",
        "/files?sort=uuid",
        "/alerts?sort=subject",
        "/deletions/?sort=stage__desc",
    })
    void webListsSortByAnyColumnOfTheirView(String path) {
        assertThat(ok(as("user@inst1.edu"), path).doc().select("table.list tbody tr")).isNotEmpty();
    }

    @Test
    void theSortIsApplied() {
        PageClient.Page p = ok(as("user@inst1.edu"), "/events?sort=id__desc&per_page=100");
        List<Integer> ids = p.doc().select("table.list tbody tr td:first-child a").eachAttr("href").stream()
                .map(h -> Integer.parseInt(h.substring(h.lastIndexOf('/') + 1))).toList();
        assertThat(ids).hasSize(30).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        PageClient.Page bad = as("user@inst1.edu").get("/events?sort=nonsense");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text(".form-error")).contains("nonsense").contains("event_type");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "bucket, aptrust.receiving.institution1.edu",
        "alt_identifier, PHOTO-2016-001",
        "bag_group_identifier, photo-collections",
        "bagit_profile_identifier, https://raw.githubusercontent.com/APTrust/preservation-services/master/profiles/aptrust-v2.2.json",
        "node__not_null, true",
        "size__gteq, 1000000",
        "size__lteq, 1000000",
        "bag_date__gteq, 2020-01-01",
        "bag_date__lteq, 2020-01-01",
    })
    void workItemFiltersOfTheOriginal(String key, String value) {
        String query = key + "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        PageClient.Page p = ok(as("system@aptrust.org"), "/work_items?" + query);
        assertThat(p.doc().select("form.filters [name=" + key + "]")).as("a field for " + key).hasSize(1);
        assertThat(total(p)).isEqualTo(results(apiCount("system@aptrust.org", "/member-api/v3/items?" + query)));
    }

    @Test
    void theWorkItemFiltersPickTheFixtureRows() {
        PageClient admin = as("system@aptrust.org");
        assertThat(total(ok(admin, "/work_items?node__not_null=true"))).isEqualTo("3 results");
        assertThat(total(ok(admin, "/work_items?bucket=aptrust.receiving.institution1.edu"))).isEqualTo("17 results");
        assertThat(total(ok(admin, "/work_items?alt_identifier=PHOTO-2016-001"))).isNotEqualTo("0 results");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"stage=Requested", "stage=Resolve", "status=Success", "status=Pending"})
    void deletionsByTheirWorkItemsStageAndStatus(String query) {
        PageClient.Page p = ok(as("system@aptrust.org"), "/deletions/?" + query);
        String key = query.substring(0, query.indexOf('='));
        assertThat(p.doc().select("form.filters select[name=" + key + "]")).hasSize(1);
        assertThat(total(p)).isEqualTo(results(apiCount("system@aptrust.org", "/member-api/v3/deletions?" + query)));
    }

    @Test
    void adminsPickAnAlertsRecipient() {
        PageClient.Page form = ok(as("system@aptrust.org"), "/alerts");
        assertThat(form.doc().select("form.filters select[name=user_id] option[value=4]").text())
                .contains("user@inst1.edu");
        assertThat(total(ok(as("system@aptrust.org"), "/alerts?user_id=4"))).isEqualTo("2 results");
        assertThat(ok(as("user@inst1.edu"), "/alerts").doc().select("[name=user_id]")).isEmpty();
    }

    // ------------------------------------------------------------------ reports

    @Test
    void institutionZeroIsEveryInstitutionForAdmins() {
        PageClient.Page all = ok(as("system@aptrust.org"), "/reports/deposits?institution_id=0");
        assertThat(all.text("main")).contains("Institution One").contains("Institution Two")
                .contains("Test University");
        PageClient.Page one = ok(as("system@aptrust.org"), "/reports/deposits?institution_id=4");
        assertThat(one.text("main table")).contains("Test University").doesNotContain("Institution Two");
        PageClient.Page overTime = ok(as("system@aptrust.org"),
                "/reports/deposits?report_type=over_time&institution_id=0");
        assertThat(overTime.text("main")).contains("All institutions");
    }

    @Test
    void anotherInstitutionsReportIsRefusedWithAClearPage() {
        PageClient.Page refused = as("user@inst1.edu").get("/reports/deposits?institution_id=3");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text(".error-message")).contains("institution 3").contains("your own institution");
        assertThat(as("admin@inst1.edu").get("/reports/deposits?report_type=over_time&institution_id=4").status())
                .isEqualTo(403);
        assertThat(ok(as("user@inst1.edu"), "/reports/deposits?institution_id=2").text("main table"))
                .contains("Institution One").doesNotContain("Institution Two");
        assertThat(ok(as("user@inst1.edu"), "/reports/deposits?institution_id=0").text("main table"))
                .contains("Institution One").doesNotContain("Institution Two");
    }

    // ------------------------------------------------------------------ the API from a signed-in browser

    static Map<String, Object> json(PageClient.Page p) throws Exception {
        return JSON.readValue(p.body(), new TypeReference<>() { });
    }

    @Test
    void aSignedInBrowserReadsTheApiWithItsSession() throws Exception {
        PageClient browser = new PageClient(APP.getLocalPort()).signIn("user@inst1.edu");
        PageClient.Page list = browser.get("/member-api/v3/objects");
        assertThat(list.status()).isEqualTo(200);
        assertThat(json(list)).containsEntry("count", 7);
        assertThat(browser.get("/member-api/v3/objects/show/1").status()).isEqualTo(200);
        assertThat(browser.get("/member-api/v3/objects/show/8").status()).isEqualTo(404);
        assertThat(browser.get("/admin-api/v3/objects").status()).isEqualTo(403);

        PageClient admin = new PageClient(APP.getLocalPort()).signIn("system@aptrust.org");
        assertThat(admin.get("/admin-api/v3/objects").status()).isEqualTo(200);
        // never a write: even with the page's CSRF token, a session does not authorize one
        admin.get("/users/my_account");
        PageClient.Page write = admin.request("PUT", "/admin-api/v3/objects/update/1", Map.of());
        assertThat(write.status()).isEqualTo(401);
        PageClient.Page post = admin.request("POST", "/admin-api/v3/alerts/generate_failed_fixity_alerts", Map.of());
        assertThat(post.status()).isEqualTo(401);
    }

    @Test
    void noSessionOrAnEndedOneIsNotSignedIn() {
        assertThat(new PageClient(APP.getLocalPort()).get("/member-api/v3/objects").status()).isEqualTo(401);
        PageClient browser = new PageClient(APP.getLocalPort()).signIn("user@inst1.edu");
        String cookie = browser.cookie("aptrust_session").orElseThrow();
        browser.get("/users/my_account");
        assertThat(browser.post("/users/sign_out", Map.of()).status()).isEqualTo(303);
        PageClient replay = new PageClient(APP.getLocalPort());
        replay.setCookie("aptrust_session", cookie);
        assertThat(replay.get("/member-api/v3/objects").status()).isEqualTo(401);
        PageClient forged = new PageClient(APP.getLocalPort());
        forged.setCookie("aptrust_session", "forged");
        assertThat(forged.get("/member-api/v3/objects").status()).isEqualTo(401);
    }

    @Test
    void aSessionAwaitingItsSecondFactorCannotReadTheApi() {
        PageClient sms = new PageClient(APP.getLocalPort());
        sms.get("/users/sign_in");
        PageClient.Page p = sms.post("/users/sign_in", PageClient.form("email", "sms_user@example.com",
                "password", "password"));
        assertThat(p.status()).isEqualTo(303);
        assertThat(sms.get("/member-api/v3/objects").status()).isEqualTo(401);
    }

    // ------------------------------------------------------------------ NSQ without an nsqd

    @Test
    void theNsqPageSaysWhenNoNsqIsConfigured() {
        PageClient.Page p = ok(as("system@aptrust.org"), "/nsq");
        assertThat(p.text("main")).contains("No NSQ is configured");
        assertThat(as("user@inst1.edu").get("/nsq").status()).isEqualTo(403);
        assertThat(as("admin@inst1.edu").get("/nsq").status()).isEqualTo(403);
        PageClient admin = as("system@aptrust.org");
        admin.get("/nsq");
        PageClient.Page act = admin.post("/nsq/admin", PageClient.form("operation", "pause", "targetType", "topic",
                "topicName", "x", "confirmed", "true"));
        assertThat(act.status()).isEqualTo(409);
        assertThat(act.text(".error-message")).contains("No NSQ is configured");
    }
}
