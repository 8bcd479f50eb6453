package org.aptrust.registry.web.api;

import static org.aptrust.registry.web.api.GoStructs.CHECKSUM;
import static org.aptrust.registry.web.api.GoStructs.FAILED_FIXITY_SUMMARY;
import static org.aptrust.registry.web.api.GoStructs.GENERIC_FILE;
import static org.aptrust.registry.web.api.GoStructs.INSTITUTION;
import static org.aptrust.registry.web.api.GoStructs.INTELLECTUAL_OBJECT;
import static org.aptrust.registry.web.api.GoStructs.PREMIS_EVENT;
import static org.aptrust.registry.web.api.GoStructs.STORAGE_RECORD;
import static org.aptrust.registry.web.api.GoStructs.WORK_ITEM;
import static org.aptrust.registry.web.api.GoStructs.ZERO_TIME;
import static org.aptrust.registry.web.api.GoStructs.goTime;
import static org.aptrust.registry.web.api.GoStructs.listOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The original's clients, request for request, against the whole application on the fixtures: the preservation
 * services' Registry client (network/registry_client.go: URLs built with url.QueryEscape and url.Values.Encode,
 * bodies as encoding/json writes its structs, answers decoded into those structs), the depositors' apt-cmd
 * ({@code registry list}: sort=id and per_page=25 on every list, objects at {@code /objects/?...}), and members'
 * scripts that page by appending next to the host. Every answer is decoded as strictly as Go would
 * ({@link GoStructs}).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OriginalClientsTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = ApiTestApp.on(DB);

    private static final String ADMIN_API = "/admin-api/v3";
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private static ApiClient admin() {
        return ApiClient.as(APP.getLocalPort(), "system@aptrust.org");
    }

    private static ApiClient depositor() {
        return ApiClient.as(APP.getLocalPort(), "user@inst1.edu");
    }

    /** Go's url.QueryEscape, written here from its documentation, independently of the server's. */
    private static String queryEscape(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }

    /** Go's url.Values.Encode: keys sorted, each value escaped. */
    private static String encode(Map<String, List<String>> values) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(values).forEach((k, vs) -> vs.forEach(v -> parts.add(queryEscape(k) + "=" + queryEscape(v))));
        return String.join("&", parts);
    }

    private static Map<String, List<String>> values(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.computeIfAbsent(kv[i], k -> new ArrayList<>()).add(kv[i + 1]);
        }
        return m;
    }

    /** A reply the client accepts: a status below 400 and a body its struct decodes. */
    private static JsonNode ok(ApiClient.Reply r, GoStructs.Struct struct) {
        assertThat(r.status()).as(r.toString()).isLessThan(400);
        return GoStructs.decode(r.body(), struct);
    }

    private static long counter(String rule) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + APP.getAdminPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode c = JSON.readTree(r.body()).path("counters")
                    .path("org.aptrust.registry.api.json.StricterRules." + rule).path("count");
            return c.isMissingNode() ? 0 : c.asLong();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // ---- bodies exactly as encoding/json writes the client's structs (field order, zero values, omitempty) ----

    private static Map<String, Object> goObject(String identifier, String bagName) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("access", "institution");
        o.put("alt_identifier", "");
        o.put("bag_group_identifier", "");
        o.put("bagit_profile_identifier", Bodies.PROFILE);
        o.put("bag_name", bagName);
        o.put("created_at", ZERO_TIME);
        o.put("description", "sent by the Go client");
        o.put("etag", Bodies.hex(32));
        o.put("file_count", 0);
        o.put("size", 0);
        o.put("id", 0);
        o.put("identifier", identifier);
        o.put("internal_sender_description", "");
        o.put("internal_sender_identifier", "");
        o.put("institution_identifier", "test.edu");
        o.put("institution_id", 4);
        o.put("payload_file_count", 0);
        o.put("payload_size", 0);
        o.put("source_organization", "");
        o.put("state", "A");
        o.put("storage_option", "Standard");
        o.put("title", "Go client bag");
        o.put("updated_at", ZERO_TIME);
        return o;
    }

    private static Map<String, Object> goChecksum(long fileId, String algorithm, String digest, String time) {
        Map<String, Object> c = new LinkedHashMap<>(); // id is omitempty: 0 is left out
        c.put("algorithm", algorithm);
        c.put("digest", digest);
        c.put("datetime", time);
        c.put("generic_file_id", fileId);
        c.put("created_at", ZERO_TIME);
        c.put("updated_at", ZERO_TIME);
        c.put("generic_file_identifier", "");
        c.put("intellectual_object_id", 0);
        c.put("institution_id", 4);
        return c;
    }

    private static Map<String, Object> goEvent(long objectId, long fileId, String time) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("agent", "https://github.com/APTrust/preservation-services");
        e.put("created_at", ZERO_TIME);
        e.put("date_time", time);
        e.put("detail", "Fixity check against registered hash");
        e.put("event_type", "fixity check");
        if (fileId != 0) {
            e.put("generic_file_id", fileId); // omitempty
        }
        e.put("identifier", UUID.randomUUID().toString());
        e.put("institution_id", 4);
        e.put("intellectual_object_id", objectId);
        e.put("intellectual_object_identifier", "");
        e.put("object", "Go crypto/sha256");
        e.put("outcome_detail", "sha256:" + Bodies.hex(64));
        e.put("outcome_information", "Fixity matches");
        e.put("outcome", "Success");
        e.put("updated_at", ZERO_TIME);
        return e;
    }

    private static Map<String, Object> goFile(long objectId, String identifier, String mtime, String fixity) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("checksums", null);
        f.put("created_at", ZERO_TIME);
        f.put("file_format", "text/plain");
        f.put("file_modified", ZERO_TIME);
        f.put("id", 0);
        f.put("identifier", identifier);
        f.put("institution_id", 4);
        f.put("intellectual_object_id", objectId);
        f.put("last_fixity_check", fixity);
        f.put("premis_events", null);
        f.put("size", 2048);
        f.put("state", "A");
        f.put("storage_option", "Standard");
        f.put("storage_records", null);
        f.put("uuid", UUID.randomUUID().toString());
        f.put("updated_at", ZERO_TIME);
        f.put("mtime", mtime);
        return f;
    }

    private static Map<String, Object> goWorkItem(String name, String bucket, long objectId, String time) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("aptrust_approver", "");
        w.put("action", "Ingest");
        w.put("bag_date", time);
        w.put("bucket", bucket);
        w.put("created_at", ZERO_TIME);
        w.put("date_processed", time);
        w.put("deletion_request_id", 0);
        w.put("etag", Bodies.hex(32));
        w.put("inst_approver", "");
        w.put("institution_id", 4);
        w.put("name", name);
        w.put("needs_admin_review", false);
        w.put("node", "");
        w.put("note", "Bag is in receiving bucket");
        w.put("outcome", "");
        w.put("pid", 0);
        w.put("queued_at", ZERO_TIME);
        w.put("retry", true);
        w.put("size", 4096);
        w.put("stage", "Receive");
        w.put("stage_started_at", time);
        w.put("status", "Pending");
        w.put("updated_at", ZERO_TIME);
        w.put("user", "system@aptrust.org");
        w.put("generic_file_identifier", "");
        w.put("generic_file_id", 0);
        w.put("intellectual_object_id", objectId);
        w.put("object_identifier", "");
        w.put("storage_option", "");
        return w;
    }

    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    /** A time with nanoseconds, as the workers' clocks give them (n apart by a few nanoseconds). */
    private static String nanoTime(int n) {
        return goTime(START.plusNanos(123_456_789L + n));
    }

    // ---- the preservation services' Registry client ----

    @Test
    void theListsTheRegistryClientAsksForAnswerWithItsSorts() {
        // IntellectualObjectList: "/objects/" + the institution param (removed, so empty) + "?" + params.
        JsonNode objects = ok(admin().get(ADMIN_API + "/objects/?" + encode(values("institution_id", "4",
                "sort", "created_at__desc", "per_page", "100"))), listOf(INTELLECTUAL_OBJECT));
        List<String> created = new ArrayList<>();
        objects.get("results").forEach(o -> created.add(o.get("created_at").asText()));
        assertThat(created).isNotEmpty().isSortedAccordingTo(java.util.Comparator.reverseOrder());

        JsonNode checksums = ok(admin().get(ADMIN_API + "/checksums?" + encode(values("institution_id", "4",
                "sort", "generic_file_id__asc", "per_page", "100"))), listOf(CHECKSUM));
        List<Long> fileIds = new ArrayList<>();
        checksums.get("results").forEach(c -> fileIds.add(c.get("generic_file_id").asLong()));
        assertThat(fileIds).isNotEmpty().isSorted();

        JsonNode events = ok(admin().get(ADMIN_API + "/events?" + encode(values("intellectual_object_id", "1",
                "sort", "identifier__asc"))), listOf(PREMIS_EVENT));
        List<String> identifiers = new ArrayList<>();
        events.get("results").forEach(e -> identifiers.add(e.get("identifier").asText()));
        assertThat(identifiers).isNotEmpty().containsExactlyElementsOf(ApiTestApp.column(DB, "SELECT identifier"
                + " FROM premis_events WHERE intellectual_object_id = 1 ORDER BY identifier, id LIMIT 20"));

        JsonNode records = ok(admin().get(ADMIN_API + "/storage_records?" + encode(values("generic_file_id", "4",
                "sort", "url__asc"))), listOf(STORAGE_RECORD));
        List<String> urls = new ArrayList<>();
        records.get("results").forEach(s -> urls.add(s.get("url").asText()));
        assertThat(urls).hasSize(2).containsExactlyElementsOf(ApiTestApp.column(DB,
                "SELECT url FROM storage_records WHERE generic_file_id = 4 ORDER BY url, id"));

        ok(admin().get(ADMIN_API + "/items?" + encode(values("institution_id", "4", "sort", "date_processed__desc"))),
                listOf(WORK_ITEM));
        ok(admin().get(ADMIN_API + "/files?" + encode(values("intellectual_object_id", "13", "sort",
                "identifier"))), listOf(GENERIC_FILE));
        ok(admin().get(ADMIN_API + "/institutions?" + encode(values("sort", "name__asc", "per_page", "100"))),
                listOf(INSTITUTION));
        // Several sort parameters apply in order; an unknown direction reads as asc.
        JsonNode twice = ok(admin().get(ADMIN_API + "/items?" + encode(values("sort", "action__sideways",
                "sort", "id__desc", "per_page", "100"))), listOf(WORK_ITEM));
        List<String> order = new ArrayList<>();
        twice.get("results").forEach(w -> order.add(w.get("id").asText()));
        assertThat(order).containsExactlyElementsOf(ApiTestApp.column(DB,
                "SELECT id FROM work_items ORDER BY action ASC, id DESC"));
    }

    @Test
    void theShowsTheRegistryClientAsksFor() {
        ok(admin().get(ADMIN_API + "/institutions/show/" + queryEscape("test.edu")), INSTITUTION);
        ok(admin().get(ADMIN_API + "/institutions/show/4"), INSTITUTION);
        // EscapeFileIdentifier: QueryEscape with "+" turned into "%20", so the slash travels as %2F.
        JsonNode object = ok(admin().get(ADMIN_API + "/objects/show/" + queryEscape("test.edu/test_bag_1")
                .replace("+", "%20")), INTELLECTUAL_OBJECT);
        assertThat(object.get("id").asLong()).isEqualTo(13);
        JsonNode file = ok(admin().get(ADMIN_API + "/files/show/" + queryEscape("test.edu/test_bag_1/bagit.txt")
                .replace("+", "%20")), GENERIC_FILE);
        assertThat(file.get("id").asLong()).isEqualTo(62);
        assertThat(file.has("mtime")).isTrue();
        assertThat(file.has("mod_time")).isFalse();
        ok(admin().get(ADMIN_API + "/checksums/show/1"), CHECKSUM);
        ok(admin().get(ADMIN_API + "/items/show/1"), WORK_ITEM);
        ok(admin().get(ADMIN_API + "/events/show/1"), PREMIS_EVENT);
    }

    /**
     * The writes of an ingest, as the workers send them: an object whose bag name differs from its identifier, a
     * file with an mtime in nanoseconds, a batch whose checksums include a digest of the wrong length, events, a
     * storage record, a work item for a bucket the institution does not own. The original stores them all, so we
     * do, counting what our stricter rules noticed; the answers carry the times as sent.
     */
    @Test
    void anIngestsWritesAreStoredAndAnsweredAsSent() {
        long bagNameWarnings = counter("bag_name_identifier");
        JsonNode object = ok(admin().post(ADMIN_API + "/objects/create/4", goObject("test.edu/go_bag",
                "go_bag.tar")), INTELLECTUAL_OBJECT);
        assertThat(object.get("bag_name").asText()).isEqualTo("go_bag.tar");
        assertThat(counter("bag_name_identifier")).isEqualTo(bagNameWarnings + 1);
        long objectId = object.get("id").asLong();

        Map<String, Object> update = goObject("test.edu/go_bag", "go_bag.tar");
        update.put("id", objectId);
        update.put("description", "updated by the Go client");
        JsonNode updated = ok(admin().put(ADMIN_API + "/objects/update/" + objectId, update), INTELLECTUAL_OBJECT);
        assertThat(updated.get("description").asText()).isEqualTo("updated by the Go client");

        String mtime = nanoTime(1);
        String fixity = nanoTime(2);
        JsonNode file = ok(admin().post(ADMIN_API + "/files/create/4", goFile(objectId, "test.edu/go_bag/data/a.txt",
                mtime, fixity)), GENERIC_FILE);
        assertThat(file.get("mtime").asText()).isEqualTo(mtime);
        assertThat(file.get("last_fixity_check").asText()).isEqualTo(fixity);
        long fileId = file.get("id").asLong();
        assertThat(ApiTestApp.value(DB, "SELECT mod_time IS NOT NULL FROM generic_files WHERE id = " + fileId))
                .isEqualTo("t");

        String checksumTime = nanoTime(3);
        JsonNode checksum = ok(admin().post(ADMIN_API + "/checksums/create/4", goChecksum(fileId, "sha256",
                Bodies.hex(64), checksumTime)), CHECKSUM);
        assertThat(checksum.get("datetime").asText()).isEqualTo(checksumTime);

        String eventTime = nanoTime(4);
        JsonNode event = ok(admin().post(ADMIN_API + "/events/create", goEvent(objectId, fileId, eventTime)),
                PREMIS_EVENT);
        assertThat(event.get("date_time").asText()).isEqualTo(eventTime);

        Map<String, Object> record = new LinkedHashMap<>();
        record.put("generic_file_id", fileId);
        record.put("url", "https://s3.amazonaws.com/aptrust.preservation.storage/" + UUID.randomUUID());
        ok(admin().post(ADMIN_API + "/storage_records/create/4", record), STORAGE_RECORD);

        long digestWarnings = counter("digest_format");
        List<Object> batch = new ArrayList<>();
        String batchTime = nanoTime(5);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> f = goFile(objectId, "test.edu/go_bag/data/b" + i + ".txt", nanoTime(10 + i),
                    ZERO_TIME);
            f.put("checksums", List.of(goChecksum(0, "md5", i == 1 ? Bodies.hex(31) : Bodies.hex(32), batchTime)));
            f.put("premis_events", List.of(goEvent(objectId, 0, batchTime)));
            f.put("storage_records", List.of(Map.of("generic_file_id", 0, "url",
                    "https://s3.amazonaws.com/aptrust.preservation.storage/" + f.get("uuid"))));
            batch.add(f);
        }
        ApiClient.Reply saved = admin().post(ADMIN_API + "/files/create_batch/4", batch);
        JsonNode list = ok(saved, listOf(GENERIC_FILE));
        assertThat(saved.status()).isEqualTo(201);
        assertThat(list.get("results")).hasSize(3);
        assertThat(counter("digest_format")).isEqualTo(digestWarnings + 1);
        for (int i = 0; i < 3; i++) {
            JsonNode f = list.get("results").get(i);
            assertThat(f.get("identifier").asText()).isEqualTo("test.edu/go_bag/data/b" + i + ".txt");
            assertThat(f.get("mtime").asText()).isEqualTo(nanoTime(10 + i));
            assertThat(f.get("checksums").get(0).get("datetime").asText()).isEqualTo(batchTime);
            assertThat(f.get("premis_events").get(0).get("date_time").asText()).isEqualTo(batchTime);
        }

        long bucketWarnings = counter("work_item_bucket");
        String itemTime = nanoTime(6);
        JsonNode item = ok(admin().post(ADMIN_API + "/items/create/4", goWorkItem("go_bag.tar",
                "aptrust.receiving.somewhere-else.edu", objectId, itemTime)), WORK_ITEM);
        assertThat(counter("work_item_bucket")).isEqualTo(bucketWarnings + 1);
        assertThat(item.get("bag_date").asText()).isEqualTo(itemTime);
        Map<String, Object> progress = goWorkItem("go_bag.tar", "aptrust.receiving.somewhere-else.edu", objectId,
                itemTime);
        progress.put("id", item.get("id").asLong());
        progress.put("etag", item.get("etag").asText());
        progress.put("stage", "Record");
        progress.put("status", "Started");
        progress.put("node", "ingest-worker-1");
        progress.put("pid", 4242);
        String started = nanoTime(7);
        progress.put("stage_started_at", started);
        JsonNode moved = ok(admin().put(ADMIN_API + "/items/update/" + item.get("id").asLong(), progress),
                WORK_ITEM);
        assertThat(moved.get("stage_started_at").asText()).isEqualTo(started);
        assertThat(moved.get("pid").asLong()).isEqualTo(4242);
    }

    @Test
    void failedFixityAlertsAnswerTheEnvelopeTheClientDecodes() {
        ApiTestApp.execute(DB, "INSERT INTO ar_internal_metadata (key, value, created_at, updated_at)"
                + " VALUES ('fixity alerts last run', to_char(date_trunc('day', now() AT TIME ZONE 'UTC')"
                + " - interval '1 second', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), now(), now())"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        admin().post(ADMIN_API + "/events/create", failedFixity());
        ApiClient.Reply r = admin().post(ADMIN_API + "/alerts/generate_failed_fixity_alerts", "");
        JsonNode summaries = ok(r, listOf(FAILED_FIXITY_SUMMARY));
        assertThat(r.status()).isEqualTo(201);
        assertThat(summaries.get("results")).hasSize(1);
        assertThat(summaries.get("results").get(0).get("institution_id").asLong()).isEqualTo(4);
        assertThat(summaries.get("results").get(0).get("failures").asLong()).isEqualTo(1);
        assertThat(summaries.get("count").asLong()).isEqualTo(1);
    }

    private static Map<String, Object> failedFixity() {
        Map<String, Object> e = goEvent(13, 62, goTime(Instant.now()));
        e.put("outcome", "Failed");
        return e;
    }

    // ---- apt-cmd and members' scripts ----

    /** apt-cmd's EnsureDefaultListParams: sort=id and per_page=25 on every list, through the member API. */
    @Test
    void aptCmdListsWithItsDefaultParameters() {
        JsonNode objects = ok(depositor().get("/member-api/v3/objects/?" + encode(values("per_page", "25",
                "sort", "id"))), listOf(INTELLECTUAL_OBJECT));
        List<Long> ids = new ArrayList<>();
        objects.get("results").forEach(o -> ids.add(o.get("id").asLong()));
        assertThat(ids).hasSize(7).isSorted();
        ok(depositor().get("/member-api/v3/files?" + encode(values("intellectual_object_id", "1", "per_page", "25",
                "sort", "identifier"))), listOf(GENERIC_FILE));
        ok(depositor().get("/member-api/v3/items?" + encode(values("per_page", "25", "sort", "id"))),
                listOf(WORK_ITEM));
        // registry list workitems --report=failed (valuesForWorkItemReport)
        ok(depositor().get("/member-api/v3/items?" + encode(values("date_processed__gteq",
                goTime(Instant.now().minus(3000, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)),
                "sort", "date_processed__desc", "per_page", "25", "status__in", "Cancelled", "status__in",
                "Failed", "status__in", "Suspended"))), listOf(WORK_ITEM));
    }

    /** A script pages through a list by appending next to the host until next is "". */
    @Test
    void aScriptPagesThroughThreePagesByFollowingNext() {
        String host = "http://127.0.0.1:" + APP.getLocalPort();
        String link = "/member-api/v3/objects?per_page=6&state=A&sort=identifier__asc";
        List<String> seen = new ArrayList<>();
        List<String> links = new ArrayList<>();
        while (!link.isEmpty()) {
            links.add(link);
            ApiClient.Reply page = admin().get(link);
            JsonNode body = ok(page, listOf(INTELLECTUAL_OBJECT));
            body.get("results").forEach(o -> seen.add(o.get("identifier").asText()));
            link = body.get("next").asText();
            assertThat(links).as("no page twice").doesNotContain(link);
            assertThat(link.isEmpty() || URI.create(host + link).getPath().equals("/member-api/v3/objects"))
                    .as(link).isTrue();
        }
        long active = ApiTestApp.count(DB, "SELECT count(*) FROM intellectual_objects WHERE state = 'A'");
        assertThat(active).as("three pages of 6").isBetween(13L, 18L);
        assertThat(links).hasSize(3);
        assertThat(links.get(1)).isEqualTo("/member-api/v3/objects?page=2&per_page=6&sort=identifier__asc&state=A");
        assertThat(seen).containsExactlyElementsOf(ApiTestApp.column(DB,
                "SELECT identifier FROM intellectual_objects WHERE state = 'A' ORDER BY identifier, id"));
        JsonNode last = GoStructs.decode(admin().get(links.get(2)).body(), listOf(INTELLECTUAL_OBJECT));
        assertThat(last.get("previous").asText()).isEqualTo(links.get(1));
        assertThat(GoStructs.decode(admin().get(links.get(0)).body(), listOf(INTELLECTUAL_OBJECT))
                .get("previous").asText()).isEmpty();
        // Past the end: an empty page, as the original answers it.
        JsonNode beyond = ok(admin().get("/member-api/v3/objects?per_page=6&state=A&page=9"),
                listOf(INTELLECTUAL_OBJECT));
        assertThat(beyond.get("results")).isEmpty();
        assertThat(beyond.get("next").asText()).isEmpty();
    }

    @Test
    void theDecoderIsAsStrictAsGo() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GoStructs.decode("{\"id\": \"7\"}", CHECKSUM))
                .hasMessageContaining("Checksum.id is an int64");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GoStructs.decode(
                "{\"datetime\": \"2024-01-01 10:00:00\"}", CHECKSUM)).hasMessageContaining("RFC 3339");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GoStructs.decode("{\"digest\": 5}", CHECKSUM))
                .hasMessageContaining("is a string");
        GoStructs.decode("{\"id\": null, \"datetime\": \"2024-01-01T10:00:00.123456789Z\", \"extra\": 1}", CHECKSUM);
        assertThat(goTime(Instant.parse("2024-01-01T10:00:00.120Z"))).isEqualTo("2024-01-01T10:00:00.12Z");
    }
}
