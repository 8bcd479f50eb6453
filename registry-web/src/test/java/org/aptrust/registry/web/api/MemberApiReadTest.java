package org.aptrust.registry.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every read route of the member API (and the admin-only reads) on the fixtures, over HTTP: exact counts, default
 * sorts, filters, paging links, field names equal to the view's columns, timestamps in UTC, and the institution
 * scope of non-admins.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MemberApiReadTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = ApiTestApp.on(DB);

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private static ApiClient admin() {
        return ApiClient.as(APP.getLocalPort(), "system@aptrust.org");
    }

    private static ApiClient inst1User() {
        return ApiClient.as(APP.getLocalPort(), "user@inst1.edu");
    }

    private static List<Object> ids(ApiClient.Reply r) {
        return r.results().stream().map(m -> m.get("id")).toList();
    }

    @Test
    void listsCountEveryRowForAnAdminAndOnlyTheirInstitutionsForOthers() {
        Map<String, long[]> expected = Map.of(
                "objects", new long[]{18, 7},
                "files", new long[]{80, 40},
                "events", new long[]{58, 30},
                "checksums", new long[]{80, 48},
                "items", new long[]{39, 17},
                "deletions", new long[]{4, 2},
                "alerts", new long[]{31, 2});
        expected.forEach((route, counts) -> {
            ApiClient.Reply all = admin().get("/member-api/v3/" + route + "?per_page=100");
            assertThat(all.status()).as(route).isEqualTo(200);
            assertThat(all.count()).as(route).isEqualTo(counts[0]);
            assertThat(all.results()).as(route).hasSize((int) counts[0]);
            ApiClient.Reply own = inst1User().get("/member-api/v3/" + route + "?per_page=100");
            assertThat(own.count()).as(route).isEqualTo(counts[1]);
            assertThat(own.results()).as(route).allSatisfy(row -> assertThat(row.get("institution_id")).isEqualTo(2));
        });
        // A non-admin's alerts are the ones addressed to them.
        assertThat(inst1User().get("/member-api/v3/alerts").results()).extracting(m -> m.get("user_id"))
                .containsOnly(4);
    }

    /** A page is buffered and sent whole with its length, not in 8 KiB chunks (a fifth more pages a second). */
    @Test
    void aPageGoesOutWholeWithItsContentLength() {
        ApiClient.Reply page = admin().get("/member-api/v3/events?per_page=20");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().length()).isGreaterThan(8 * 1024);
        Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(page.headers());
        assertThat(headers.get("content-length"))
                .containsExactly(String.valueOf(page.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        assertThat(headers).doesNotContainKey("transfer-encoding");
    }

    @Test
    void fieldNamesAreTheViewsColumns() {
        Map<String, String> views = Map.of(
                "objects", "intellectual_objects_view",
                "files", "generic_files_view",
                "events", "premis_events_view",
                "checksums", "checksums_view",
                "items", "work_items_view",
                "deletions", "deletion_requests_view",
                "alerts", "alerts_view");
        views.forEach((route, view) -> {
            Map<String, Object> first = admin().get("/member-api/v3/" + route + "?per_page=1").results().get(0);
            java.util.Set<String> columns = ApiTestApp.columnsOf(DB, view);
            // The confirmation token's hash is a secret: never sent, though the view has it.
            columns.remove("encrypted_confirmation_token");
            // A file's mod_time is mtime in the original's JSON.
            List<String> names = columns.stream().map(c -> c.equals("mod_time") ? "mtime" : c).toList();
            assertThat(first.keySet()).as(route).containsExactlyElementsOf(names);
        });
        assertThat(admin().get("/member-api/v3/objects").json().keySet())
                .containsExactly("count", "next", "previous", "results");
    }

    @Test
    void defaultSortsAreTheOriginals() {
        assertThat(ids(admin().get("/member-api/v3/objects?per_page=3"))).containsExactly(8, 15, 17);
        assertThat(admin().get("/member-api/v3/events?per_page=1").results().get(0).get("date_time"))
                .isEqualTo(ApiTestApp.value(DB, "SELECT to_char(max(date_time), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                        + " FROM premis_events"));
        assertThat(ids(admin().get("/member-api/v3/deletions"))).containsExactly(1, 4, 3, 2);
        assertThat(admin().get("/member-api/v3/items?per_page=1").results().get(0).get("id")).isEqualTo(
                Integer.parseInt(ApiTestApp.value(DB, "SELECT id FROM work_items ORDER BY updated_at DESC, id DESC"
                        + " LIMIT 1")));
        assertThat(ids(admin().get("/member-api/v3/objects?sort=identifier__asc&per_page=2"))).containsExactly(16, 18);
    }

    @Test
    void filtersGoThroughTheWhitelist() {
        assertThat(admin().get("/member-api/v3/objects?state=A").count()).isEqualTo(14);
        assertThat(admin().get("/member-api/v3/files?intellectual_object_id=5").count()).isEqualTo(9);
        assertThat(admin().get("/member-api/v3/files?state=A&institution_id=3").count()).isEqualTo(18);
        assertThat(admin().get("/member-api/v3/events?event_type=fixity+check&outcome=Failed").count()).isEqualTo(4);
        assertThat(admin().get("/member-api/v3/items?status=Pending").count()).isEqualTo(4);
        assertThat(admin().get("/member-api/v3/items?action__in=Delete&action__in=Restore+File").count())
                .isEqualTo(7);
        assertThat(admin().get("/member-api/v3/checksums?algorithm=md5").count()).isEqualTo(35);
        assertThat(admin().get("/member-api/v3/objects?identifier__starts_with=institution1.edu/").count())
                .isEqualTo(7);
        // A non-admin filtering on another institution gets nothing, not that institution's rows.
        assertThat(inst1User().get("/member-api/v3/files?institution_id=3").count()).isZero();
    }

    @Test
    void pagesLinkToTheirNeighboursWithThePathAndSortedQuery() {
        String base = "/member-api/v3/files";
        ApiClient.Reply first = admin().get("/member-api/v3/files?per_page=30");
        assertThat(first.results()).hasSize(30);
        assertThat(first.json().get("next")).isEqualTo(base + "?page=2&per_page=30");
        assertThat(first.json().get("previous")).isEqualTo("");
        ApiClient.Reply last = admin().get("/member-api/v3/files?per_page=30&page=3");
        assertThat(last.results()).hasSize(20);
        assertThat(last.json().get("next")).isEqualTo("");
        assertThat(last.json().get("previous")).isEqualTo(base + "?page=2&per_page=30");
    }

    @Test
    void timestampsAreUtcIsoAndNumbersAreNumbers() {
        Map<String, Object> object = admin().get("/member-api/v3/objects/show/1").json();
        assertThat(object.get("created_at")).isEqualTo("2016-03-15T14:22:10Z");
        assertThat(object.get("file_count")).isEqualTo(6);
        assertThat(object.get("size")).isEqualTo(5457382);
        Map<String, Object> file = admin().get("/member-api/v3/files/show/11").json();
        assertThat(file.get("size")).isEqualTo(5_000_000_000L);
    }

    @Test
    void showRoutesReturnOneRecord() {
        assertThat(admin().get("/member-api/v3/objects/show/4").json().get("identifier"))
                .isEqualTo("institution1.edu/theses_2020");
        assertThat(admin().get("/member-api/v3/events/show/9").json().get("outcome")).isEqualTo("Failed");
        assertThat(admin().get("/member-api/v3/events/show/97237824-0f01-487b-a206-e36e57d53cde").json()
                .get("id")).isEqualTo(9);
        assertThat(admin().get("/member-api/v3/items/show/10").json().get("name")).isEqualTo("theses_2020");
        assertThat(admin().get("/member-api/v3/checksums/show/79").json().get("digest"))
                .isEqualTo("4ccc36397b9a8e284c448ee5baee7ebc");
        assertThat(admin().get("/member-api/v3/deletions/show/3").json().get("cancelled_by_email"))
                .isEqualTo("admin2@inst2.edu");
        Map<String, Object> alert = inst1User().get("/member-api/v3/alerts/show/12/4").json();
        assertThat(alert.get("type")).isEqualTo("Restoration Completed");
        assertThat(alert.get("user_email")).isEqualTo("user@inst1.edu");
    }

    @Test
    @SuppressWarnings("unchecked")
    void fileShowCarriesChecksumsEventsAndStorageRecords() {
        Map<String, Object> file = inst1User().get("/member-api/v3/files/show/4").json();
        assertThat(file.get("identifier")).isEqualTo("institution1.edu/photo_collection_2016/data/images/photo_001.jpg");
        List<Map<String, Object>> checksums = (List<Map<String, Object>>) file.get("checksums");
        assertThat(checksums).extracting(c -> c.get("id")).containsExactly(80, 79, 5, 4);
        assertThat((List<Object>) file.get("storage_records")).hasSize(2);
        List<Map<String, Object>> events = (List<Map<String, Object>>) file.get("premis_events");
        assertThat(events).hasSize((int) ApiTestApp.count(DB, "SELECT count(*) FROM premis_events"
                + " WHERE generic_file_id = 4"));
        assertThat(events.get(0).get("id")).isEqualTo(9);
        assertThat(file.keySet()).containsAll(ApiTestApp.columnsOf(DB, "generic_files_view").stream()
                        .map(c -> c.equals("mod_time") ? "mtime" : c).toList())
                .contains("checksums", "premis_events", "storage_records").doesNotContain("mod_time");
    }

    @Test
    void anotherInstitutionsRecordIsNotFoundForANonAdmin() {
        ApiClient.Reply hidden = inst1User().get("/member-api/v3/objects/show/8");
        ApiClient.Reply missing = inst1User().get("/member-api/v3/objects/show/999");
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.body()).isEqualTo(missing.body());
        assertThat(inst1User().get("/member-api/v3/objects/show/institution2.edu%2Fmaps_collection").status())
                .isEqualTo(404);
        // Someone else's copy of an alert of one's own institution is not shown either.
        assertThat(inst1User().get("/member-api/v3/alerts/show/12/2").status()).isEqualTo(404);
        assertThat(admin().get("/member-api/v3/alerts/show/12/2").status()).isEqualTo(200);
    }

    @Test
    void adminOnlyReads() {
        ApiClient.Reply institutions = admin().get("/admin-api/v3/institutions");
        assertThat(institutions.count()).isEqualTo(6);
        assertThat(institutions.results()).extracting(m -> m.get("name")).containsExactly("APTrust",
                "Example College", "Former Member University", "Institution One", "Institution Two",
                "Test University");
        assertThat(admin().get("/admin-api/v3/institutions/show/test.edu").json().get("id")).isEqualTo(4);
        assertThat(admin().get("/admin-api/v3/institutions/show/5").json().get("parent_identifier"))
                .isEqualTo("institution1.edu");
        assertThat(admin().get("/admin-api/v3/storage_records?per_page=1").count()).isEqualTo(121);
        assertThat(ids(admin().get("/admin-api/v3/storage_records?generic_file_id=1"))).containsExactly(2, 1);
        assertThat(admin().get("/admin-api/v3/storage_records/show/1").json())
                .containsOnlyKeys("id", "generic_file_id", "url");
    }

    @Test
    @SuppressWarnings("unchecked")
    void adminFilesListCarriesEachFilesRowsAndDeletionShowIsCompact() {
        ApiClient.Reply files = admin().get("/admin-api/v3/files?intellectual_object_id=1&sort=identifier__asc");
        assertThat(files.count()).isEqualTo(6);
        Map<String, Object> first = files.results().get(0);
        assertThat(first.get("identifier")).isEqualTo("institution1.edu/photo_collection_2016/aptrust-info.txt");
        assertThat(first).containsKeys("checksums", "premis_events", "storage_records");
        Map<String, Object> deletion = admin().get("/admin-api/v3/deletions/show/2").json();
        assertThat(deletion.keySet()).containsExactly("id", "institution_id", "requested_at", "confirmed_at",
                "cancelled_at", "requested_by", "confirmed_by", "cancelled_by", "generic_files",
                "intellectual_objects");
        assertThat((Map<String, Object>) deletion.get("confirmed_by")).containsOnlyKeys("id", "name", "email")
                .containsEntry("email", "admin2@inst1.edu");
        assertThat((List<Map<String, Object>>) deletion.get("intellectual_objects")).extracting(o -> o.get("id"))
                .containsExactly(6, 7);
    }
}
