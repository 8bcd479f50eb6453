package org.aptrust.registry.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

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
 * Everything a client can get wrong answers 400 with the field and what is allowed, in the API's error shape
 * ({StatusCode, Error, field, allowed}); nothing a client sends yields a 500.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiBadRequestTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = ApiTestApp.on(DB);

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private static ApiClient admin() {
        return ApiClient.as(APP.getLocalPort(), "system@aptrust.org");
    }

    private static void assertBadRequest(ApiClient.Reply r, String field, String allowedContains) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json()).containsEntry("StatusCode", 400).containsEntry("field", field);
        assertThat(r.error()).isNotBlank();
        if (allowedContains != null) {
            assertThat((String) r.json().get("allowed")).contains(allowedContains);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/member-api/v3/objects?colour=red|colour|identifier__starts_with",
        "/member-api/v3/objects?institution_id=abc|institution_id|an integer",
        "/member-api/v3/objects?institution_id=99999999999|institution_id|an integer",
        "/member-api/v3/objects?created_at__gteq=last+tuesday|created_at__gteq|a date",
        "/member-api/v3/objects?state=X|state|A, D",
        "/member-api/v3/objects?storage_option=Tape|storage_option|Glacier-Deep-OR",
        "/member-api/v3/objects?identifier__contains=x|identifier__contains|identifier__starts_with",
        "/member-api/v3/files?size__gteq=lots|size__gteq|an integer",
        "/member-api/v3/events?outcome=Maybe|outcome|Success, Failed",
        "/member-api/v3/items?status__in=Pending&status__in=Sleeping|status__in|Suspended",
        "/member-api/v3/items?retry=perhaps|retry|true or false",
        "/member-api/v3/objects?sort=colour__asc|sort|identifier, institution_id",
        "/member-api/v3/objects?page=0|page|1 or more",
        "/member-api/v3/objects?page=-1|page|1 or more",
        "/member-api/v3/objects?page=two|page|1 or more",
        "/member-api/v3/objects?per_page=0|per_page|1 or more",
        "/member-api/v3/objects?bag_name=a%00b|bag_name|without NUL",
        "/member-api/v3/items/show/abc|id|an integer",
        "/admin-api/v3/storage_records?url__in=x|url__in|url"})
    void badListAndShowParameters(String path, String field, String allowed) {
        assertBadRequest(admin().get(path), field, allowed);
    }

    @Test
    void outOfRangeValuesAreTheClientsFaultEvenWhenOnlyTheDatabaseNotices() {
        ApiClient.Reply r = admin().get("/member-api/v3/objects?created_at__gteq=%2B300000-01-01T00:00:00");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(admin().get("/member-api/v3/items/show/99999999999").status()).isEqualTo(404);
    }

    @Test
    void malformedOrMistypedJson() {
        ApiClient.Reply malformed = admin().post("/admin-api/v3/objects/create/4", "{\"title\": ");
        assertBadRequest(malformed, "body", "a JSON document");
        assertThat(malformed.error()).startsWith("malformed JSON at line 1");
        assertBadRequest(admin().post("/admin-api/v3/objects/create/4", ""), "body", null);
        assertBadRequest(admin().post("/admin-api/v3/objects/create/4", "null"), "body", null);
        assertBadRequest(admin().post("/admin-api/v3/objects/create/4", "[1, 2]"), "body", "a JSON object");
        assertBadRequest(admin().post("/admin-api/v3/objects/create/4", "{} {}"), "body", null);
        Map<String, Object> file = Bodies.file(4, 13, "test.edu/test_bag_1/data/x.txt", "Standard");
        file.put("size", "big");
        assertBadRequest(admin().post("/admin-api/v3/files/create/4", file), "size", "an integer");
        Map<String, Object> item = Bodies.workItem(4, "x.tar", "aptrust.receiving.test.edu");
        item.put("bag_date", "yesterday");
        assertBadRequest(admin().post("/admin-api/v3/items/create/4", item), "bag_date", "ISO-8601");
        ApiClient.Reply batch = admin().post("/admin-api/v3/files/create_batch/4", "{\"not\": \"an array\"}");
        assertBadRequest(batch, "body", "a JSON array");
        Map<String, Object> nested = Bodies.file(4, 13, "test.edu/test_bag_1/data/y.txt", "Standard");
        nested.put("checksums", Bodies.list(Map.of("algorithm", "md5", "digest", 42, "datetime", "2024-01-01")));
        ApiClient.Reply wrongNested = admin().post("/admin-api/v3/files/create_batch/4", Bodies.list(nested));
        assertThat(wrongNested.status()).isEqualTo(400);
    }

    @Test
    void fieldsThatFailValidation() {
        Map<String, Object> object = Bodies.object(4, "test.edu/v_bag", "Standard");
        object.put("access", "public");
        assertBadRequest(admin().post("/admin-api/v3/objects/create/4", object), "access",
                "consortia, institution, restricted");
        object.put("access", "institution");
        object.remove("title");
        object.put("storage_option", "Tape");
        ApiClient.Reply two = admin().post("/admin-api/v3/objects/create/4", object);
        assertBadRequest(two, "title", null);
        assertThat(two.error()).contains("title: is required").contains("storage_option: 'Tape' is not allowed");
        object.put("title", "t\u0000t");
        assertBadRequest(admin().post("/admin-api/v3/objects/create/4", object), "title", null);

        Map<String, Object> file = Bodies.file(4, 13, "test.edu/test_bag_2/data/x.txt", "Standard");
        file.put("identifier", "test.edu/test_bag_1/data/x.txt");
        file.put("size", -1);
        assertBadRequest(admin().post("/admin-api/v3/files/create/4", file), "size", "0 or more");
        file.put("size", 1);
        file.put("uuid", "not-a-uuid");
        assertBadRequest(admin().post("/admin-api/v3/files/create/4", file), "uuid", "UUID");
        file.put("uuid", java.util.UUID.randomUUID().toString());
        file.put("institution_id", 2);
        assertBadRequest(admin().post("/admin-api/v3/files/create/4", file), "institution_id", "4");
        file.put("institution_id", 4);
        file.put("intellectual_object_id", 1);
        assertBadRequest(admin().post("/admin-api/v3/files/create/4", file), "intellectual_object_id",
                "institution 4");
        file.put("intellectual_object_id", 13);
        file.put("id", 62);
        assertBadRequest(admin().post("/admin-api/v3/files/create/4", file), "id", "no id");

        Map<String, Object> item = Bodies.workItem(4, "x.tar", "aptrust.receiving.institution1.edu");
        item.put("bucket", "aptrust.restore.test.edu");
        item.put("etag", "short");
        assertBadRequest(admin().post("/admin-api/v3/items/create/4", item), "etag", "32 to 40");
        item.put("etag", Bodies.hex(32));
        item.put("size", -5);
        assertBadRequest(admin().post("/admin-api/v3/items/create/4", item), "size", "0 or more");
        item.put("size", 5);
        item.put("action", "Shred");
        assertBadRequest(admin().post("/admin-api/v3/items/create/4", item), "action", "Glacier Restore");
        item.put("action", "Ingest");
        item.put("user", "nobody");
        assertBadRequest(admin().post("/admin-api/v3/items/create/4", item), "user", "email");
        item.put("user", "system@aptrust.org");
        item.put("bag_date", "0001-01-01T00:00:00Z");
        assertBadRequest(admin().post("/admin-api/v3/items/create/4", item), "bag_date", null);

        Map<String, Object> event = Bodies.event(4, 13, 62, "fixity check", "Success", Bodies.utc(0));
        event.put("identifier", "evt-1");
        assertBadRequest(admin().post("/admin-api/v3/events/create", event), "identifier", "UUID");
        event.put("identifier", java.util.UUID.randomUUID().toString());
        event.put("event_type", "vibe check");
        assertBadRequest(admin().post("/admin-api/v3/events/create", event), "event_type", "fixity check");

        assertBadRequest(admin().post("/admin-api/v3/checksums/create/4",
                Bodies.checksum(62, "crc32", Bodies.hex(8))), "algorithm", "md5, sha1, sha256, sha512");
        assertBadRequest(admin().post("/admin-api/v3/storage_records/create/4",
                Map.of("generic_file_id", 62, "url", "not a url")), "url", "absolute URL");
    }

    @Test
    void unknownInstitutionOrRecordIsNotFound() {
        assertThat(admin().post("/admin-api/v3/objects/create/999", Bodies.object(999, "x.edu/y", "Standard"))
                .status()).isEqualTo(404);
        assertThat(admin().put("/admin-api/v3/files/update/99999", Map.of()).status()).isEqualTo(404);
        assertThat(admin().get("/member-api/v3/no_such_route").json()).containsEntry("StatusCode", 404);
    }

    @Test
    void nothingAClientSendsIsAServerError() {
        String[] bodies = {"", "{", "[]", "null", "\"text\"", "42", "{\"id\": \"abc\"}", "{\"checksums\": 5}",
            "[{\"id\": -1}]", "[null]", "{\"date_time\": [1, 2]}", "{\"size\": 1e400}", "{\"pid\": 3.5}"};
        String[] writes = {"POST /admin-api/v3/objects/create/4", "POST /admin-api/v3/files/create/4",
            "POST /admin-api/v3/files/create_batch/4", "POST /admin-api/v3/checksums/create/4",
            "POST /admin-api/v3/storage_records/create/4", "POST /admin-api/v3/events/create",
            "POST /admin-api/v3/items/create/4", "PUT /admin-api/v3/files/update/62",
            "PUT /admin-api/v3/objects/update/13", "PUT /admin-api/v3/items/update/30",
            "PUT /admin-api/v3/items/requeue/16"};
        for (String route : writes) {
            String[] parts = route.split(" ");
            for (String body : bodies) {
                ApiClient.Reply r = admin().send(parts[0], parts[1], body, "application/json");
                assertThat(r.status()).as(route + " with " + body + ": " + r).isBetween(400, 499);
                assertThat(r.json()).as(route + " with " + body).containsKey("StatusCode");
            }
        }
        String[] reads = {"/member-api/v3/files/show/%00", "/member-api/v3/objects/show/%E0%A4",
            "/member-api/v3/objects?sort=", "/member-api/v3/objects?sort=size__sideways",
            "/member-api/v3/events?date_time__lteq=2024-13-45", "/member-api/v3/alerts/show/x/y",
            "/member-api/v3/objects?page=99999999999999999999", "/member-api/v3/objects?institution_id__in=1&institution_id__in=x"};
        for (String path : reads) {
            ApiClient.Reply r = admin().get(path);
            assertThat(r.status()).as(path + ": " + r).isBetween(200, 499);
        }
    }
}
