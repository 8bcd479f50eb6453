package org.aptrust.registry.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin API's writes over HTTP: create checksums, storage records, events, objects, files (alone and in
 * batches) and work items; update files, objects and work items; requeue; and the insert-only refusals. Each
 * test makes its own records (institution 4, test.edu, unless it needs another), so the tests do not depend on
 * one another.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdminWriteTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = ApiTestApp.on(DB);

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private static ApiClient admin() {
        return ApiClient.as(APP.getLocalPort(), "system@aptrust.org");
    }

    private static int newObject(String bag, String storageOption) {
        ApiClient.Reply r = admin().post("/admin-api/v3/objects/create/4",
                Bodies.object(4, "test.edu/" + bag, storageOption));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return (Integer) r.json().get("id");
    }

    private static long rows(String table) {
        return ApiTestApp.count(DB, "SELECT count(*) FROM " + table);
    }

    @Test
    void createChecksum() {
        ApiClient.Reply r = admin().post("/admin-api/v3/checksums/create/2",
                Bodies.checksum(13, "md5", "d41d8cd98f00b204e9800998ecf8427e"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        int id = (Integer) r.json().get("id");
        assertThat(r.headers().get("location")).containsExactly("http://127.0.0.1:" + APP.getLocalPort()
                + "/admin-api/v3/checksums/show/" + id);
        assertThat(r.json()).containsEntry("generic_file_id", 13).containsEntry("algorithm", "md5")
                .containsEntry("institution_id", 2).containsEntry("state", "A");
        assertThat(ApiTestApp.value(DB, "SELECT digest FROM checksums WHERE id = " + id))
                .isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        // The institution may also be named by its identifier.
        assertThat(admin().post("/admin-api/v3/checksums/create/institution1.edu",
                Bodies.checksum(13, "sha256", Bodies.hex(64))).status()).isEqualTo(201);
    }

    @Test
    void checksumsAndEventsAreInsertOnlyEvenForAdmins() {
        for (String path : new String[]{"/admin-api/v3/checksums/update/1", "/admin-api/v3/events/update/1"}) {
            ApiClient.Reply r = admin().put(path, Map.of("digest", "x"));
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.error()).contains("insert-only");
        }
        for (String path : new String[]{"/admin-api/v3/checksums/delete/1", "/admin-api/v3/events/delete/1"}) {
            assertThat(admin().delete(path).status()).isEqualTo(405);
        }
        assertThat(rows("checksums WHERE id = 1")).isEqualTo(1);
        assertThat(rows("premis_events WHERE id = 1")).isEqualTo(1);
    }

    @Test
    void createStorageRecordOnceForTheSameCopy() {
        Map<String, Object> body = Map.of("generic_file_id", 13,
                "url", "https://s3.amazonaws.com/aptrust.preservation.storage/extra-copy-13");
        ApiClient.Reply first = admin().post("/admin-api/v3/storage_records/create/2", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json()).containsOnlyKeys("id", "generic_file_id", "url");
        ApiClient.Reply again = admin().post("/admin-api/v3/storage_records/create/2", body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(rows("storage_records WHERE url LIKE '%extra-copy-13'")).isEqualTo(1);
    }

    @Test
    void fixityCheckEventSetsTheFilesLastFixityCheckAndNeverMovesItBack() {
        String newer = Bodies.utc(-30);
        ApiClient.Reply r = admin().post("/admin-api/v3/events/create",
                Bodies.event(4, 13, 62, "fixity check", "Success", newer));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json()).containsEntry("event_type", "fixity check").containsEntry("generic_file_id", 62)
                .containsEntry("institution_name", "Test University");
        assertThat(ApiTestApp.value(DB, "SELECT to_char(last_fixity_check, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                + " FROM generic_files WHERE id = 62")).isEqualTo(newer);
        assertThat(admin().post("/admin-api/v3/events/create",
                Bodies.event(4, 13, 62, "fixity check", "Success", "2020-01-01T00:00:00Z")).status()).isEqualTo(201);
        assertThat(ApiTestApp.value(DB, "SELECT to_char(last_fixity_check, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                + " FROM generic_files WHERE id = 62")).isEqualTo(newer);
        // Other event types leave it alone.
        String before = ApiTestApp.value(DB, "SELECT last_fixity_check FROM generic_files WHERE id = 63");
        assertThat(admin().post("/admin-api/v3/events/create",
                Bodies.event(4, 13, 63, "replication", "Success", Bodies.utc(0))).status()).isEqualTo(201);
        assertThat(ApiTestApp.value(DB, "SELECT last_fixity_check FROM generic_files WHERE id = 63")).isEqualTo(before);
    }

    @Test
    void eventIdentifiersAreUniqueAndEventsMustHangTogether() {
        Map<String, Object> event = Bodies.event(4, 13, null, "ingestion", "Success", Bodies.utc(0));
        assertThat(admin().post("/admin-api/v3/events/create", event).status()).isEqualTo(201);
        ApiClient.Reply again = admin().post("/admin-api/v3/events/create", event);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).contains(String.valueOf(event.get("identifier")));
        ApiClient.Reply wrongFile = admin().post("/admin-api/v3/events/create",
                Bodies.event(4, 13, 65, "ingestion", "Success", Bodies.utc(0)));
        assertThat(wrongFile.status()).isEqualTo(400);
        assertThat(wrongFile.json().get("field")).isEqualTo("generic_file_id");
        ApiClient.Reply otherInstitution = admin().post("/admin-api/v3/events/create",
                Bodies.event(4, 1, null, "ingestion", "Success", Bodies.utc(0)));
        assertThat(otherInstitution.status()).isEqualTo(400);
        assertThat(otherInstitution.json().get("field")).isEqualTo("intellectual_object_id");
    }

    @Test
    void createAndUpdateObject() {
        Map<String, Object> body = Bodies.object(4, "test.edu/created_bag", "Standard");
        ApiClient.Reply created = admin().post("/admin-api/v3/objects/create/4", body);
        assertThat(created.status()).isEqualTo(201);
        int id = (Integer) created.json().get("id");
        assertThat(created.json()).containsEntry("bag_name", "created_bag").containsEntry("file_count", 0)
                .containsEntry("institution_identifier", "test.edu");
        assertThat(admin().post("/admin-api/v3/objects/create/4", body).status()).isEqualTo(409);

        body.put("id", id);
        body.put("title", "A better title");
        body.put("storage_option", "Glacier-OR");
        ApiClient.Reply updated = admin().put("/admin-api/v3/objects/update/" + id, body);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json()).containsEntry("title", "A better title")
                // an active object keeps its storage option
                .containsEntry("storage_option", "Standard");

        body.put("identifier", "test.edu/renamed_bag");
        ApiClient.Reply renamed = admin().put("/admin-api/v3/objects/update/" + id, body);
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(renamed.json().get("field")).isEqualTo("identifier");

        body.put("identifier", "test.edu/created_bag");
        body.put("state", "D");
        ApiClient.Reply deletedByUpdate = admin().put("/admin-api/v3/objects/update/" + id, body);
        assertThat(deletedByUpdate.status()).isEqualTo(409);
        assertThat(ApiTestApp.value(DB, "SELECT state FROM intellectual_objects WHERE id = " + id)).isEqualTo("A");
    }

    @Test
    void createAndUpdateFile() {
        int objectId = newObject("file_bag", "Standard");
        Map<String, Object> body = Bodies.file(4, objectId, "test.edu/file_bag/data/one.txt", "Standard");
        ApiClient.Reply created = admin().post("/admin-api/v3/files/create/4", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        int id = (Integer) created.json().get("id");
        assertThat(created.json()).containsEntry("size", 1234).containsEntry("object_identifier", "test.edu/file_bag")
                .containsEntry("last_fixity_check", "2000-01-01T00:00:00Z")
                .containsKeys("checksums", "premis_events", "storage_records");
        assertThat(admin().get("/admin-api/v3/objects/show/" + objectId).json().get("file_count")).isEqualTo(1);

        body.put("id", id);
        body.put("size", 99);
        body.put("storage_option", "Wasabi-OR");
        ApiClient.Reply updated = admin().put("/admin-api/v3/files/update/" + id, body);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json()).containsEntry("size", 99).containsEntry("storage_option", "Standard");

        body.put("identifier", "test.edu/file_bag/data/two.txt");
        assertThat(admin().put("/admin-api/v3/files/update/" + id, body).json().get("field")).isEqualTo("identifier");
        body.put("identifier", "test.edu/file_bag/data/one.txt");
        body.put("state", "D");
        assertThat(admin().put("/admin-api/v3/files/update/" + id, body).status()).isEqualTo(409);
        body.put("state", "A");
        body.put("id", id + 1000);
        assertThat(admin().put("/admin-api/v3/files/update/" + id, body).json().get("field")).isEqualTo("id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void batchCreatesFilesWithTheirChecksumsStorageRecordsAndEvents() {
        int objectId = newObject("batch_bag", "Standard");
        List<Object> batch = Bodies.list();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> f = Bodies.file(4, objectId, "test.edu/batch_bag/data/f" + i + ".txt", "Standard");
            f.put("checksums", Bodies.list(Bodies.checksum(null, "md5", Bodies.hex(32)),
                    Bodies.checksum(null, "sha256", Bodies.hex(64))));
            f.put("storage_records", Bodies.list(Map.of("url", "https://s3.amazonaws.com/b/" + f.get("uuid"))));
            f.put("premis_events", Bodies.list(Bodies.event(null, null, null, "ingestion", "Success",
                    Bodies.utc(0))));
            batch.add(f);
        }
        ApiClient.Reply r = admin().post("/admin-api/v3/files/create_batch/4", batch);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().keySet()).containsExactly("count", "results");
        assertThat(r.json().get("count")).isEqualTo(3);
        Map<String, Object> first = r.results().get(0);
        assertThat((List<Object>) first.get("checksums")).hasSize(2);
        assertThat((List<Object>) first.get("storage_records")).hasSize(1);
        List<Map<String, Object>> events = (List<Map<String, Object>>) first.get("premis_events");
        assertThat(events).singleElement().satisfies(e -> assertThat(e).containsEntry("generic_file_id",
                first.get("id")).containsEntry("intellectual_object_id", objectId).containsEntry("institution_id", 4));
        assertThat(rows("generic_files WHERE intellectual_object_id = " + objectId)).isEqualTo(3);
        assertThat(rows("checksums c JOIN generic_files f ON f.id = c.generic_file_id"
                + " WHERE f.intellectual_object_id = " + objectId)).isEqualTo(6);

        // Sent again with ids (a re-ingest): the files are updated, new rows added, nothing duplicated.
        List<Object> again = Bodies.list();
        for (Map<String, Object> saved : r.results()) {
            Map<String, Object> f = Bodies.file(4, objectId, (String) saved.get("identifier"), "Standard");
            f.put("id", saved.get("id"));
            f.put("uuid", saved.get("uuid"));
            f.put("size", 5);
            f.put("checksums", saved.get("checksums"));
            f.put("storage_records", saved.get("storage_records"));
            again.add(f);
        }
        ApiClient.Reply reingest = admin().post("/admin-api/v3/files/create_batch/4", again);
        assertThat(reingest.status()).as(reingest.toString()).isEqualTo(201);
        assertThat(reingest.results()).allSatisfy(f -> assertThat(f.get("size")).isEqualTo(5));
        assertThat(rows("generic_files WHERE intellectual_object_id = " + objectId)).isEqualTo(3);
        assertThat(rows("checksums c JOIN generic_files f ON f.id = c.generic_file_id"
                + " WHERE f.intellectual_object_id = " + objectId)).isEqualTo(6);
    }

    @Test
    void aBadFileInTheMiddleOfABatchLeavesNothingWritten() {
        int objectId = newObject("half_bag", "Standard");
        long files = rows("generic_files");
        long checksums = rows("checksums");
        long events = rows("premis_events");
        long records = rows("storage_records");

        List<Object> invalid = Bodies.list();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> f = Bodies.file(4, objectId, "test.edu/half_bag/data/f" + i + ".txt", "Standard");
            f.put("checksums", Bodies.list(Bodies.checksum(null, i == 1 ? "crc32" : "md5", Bodies.hex(32))));
            f.put("storage_records", Bodies.list(Map.of("url", "https://s3.amazonaws.com/b/" + f.get("uuid"))));
            invalid.add(f);
        }
        ApiClient.Reply refused = admin().post("/admin-api/v3/files/create_batch/4", invalid);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field")).isEqualTo("[1].checksums[0].algorithm");

        // A failure only the database sees, half-way through: the transaction takes back the first file too.
        List<Object> failsInDatabase = Bodies.list();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> f = Bodies.file(4, objectId, "test.edu/half_bag/data/g" + i + ".txt", "Standard");
            f.put("premis_events", Bodies.list(Bodies.event(null, null, null, "ingestion", "Success",
                    i == 1 ? "+294277-01-01T00:00:00Z" : Bodies.utc(0))));
            f.put("checksums", Bodies.list(Bodies.checksum(null, "sha256", Bodies.hex(64))));
            failsInDatabase.add(f);
        }
        ApiClient.Reply rolledBack = admin().post("/admin-api/v3/files/create_batch/4", failsInDatabase);
        assertThat(rolledBack.status()).as(rolledBack.toString()).isEqualTo(400);
        assertThat(rolledBack.error()).contains("database").contains("out of range");

        Map<String, Object> otherInstitution = Bodies.file(3, objectId, "test.edu/half_bag/data/h.txt", "Standard");
        ApiClient.Reply wrongInstitution = admin().post("/admin-api/v3/files/create_batch/4",
                Bodies.list(Bodies.file(4, objectId, "test.edu/half_bag/data/h0.txt", "Standard"), otherInstitution));
        assertThat(wrongInstitution.status()).isEqualTo(400);
        assertThat(wrongInstitution.json().get("field")).isEqualTo("[1].institution_id");

        assertThat(rows("generic_files")).isEqualTo(files);
        assertThat(rows("checksums")).isEqualTo(checksums);
        assertThat(rows("premis_events")).isEqualTo(events);
        assertThat(rows("storage_records")).isEqualTo(records);
    }

    @Test
    void aBatchMayNotReuseAnIdentifierOrUuid() {
        int objectId = newObject("dup_bag", "Standard");
        Map<String, Object> f = Bodies.file(4, objectId, "test.edu/dup_bag/data/a.txt", "Standard");
        assertThat(admin().post("/admin-api/v3/files/create/4", f).status()).isEqualTo(201);
        Map<String, Object> sameIdentifier = Bodies.file(4, objectId, "test.edu/dup_bag/data/a.txt", "Standard");
        ApiClient.Reply conflict = admin().post("/admin-api/v3/files/create_batch/4", Bodies.list(sameIdentifier));
        assertThat(conflict.status()).isEqualTo(409);
        Map<String, Object> b1 = Bodies.file(4, objectId, "test.edu/dup_bag/data/b.txt", "Standard");
        Map<String, Object> b2 = Bodies.file(4, objectId, "test.edu/dup_bag/data/b.txt", "Standard");
        ApiClient.Reply twice = admin().post("/admin-api/v3/files/create_batch/4", Bodies.list(b1, b2));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().get("field")).isEqualTo("[1].identifier");
    }

    @Test
    void createAndUpdateWorkItem() {
        Map<String, Object> body = Bodies.workItem(4, "new_bag.tar", "aptrust.receiving.test.edu");
        ApiClient.Reply created = admin().post("/admin-api/v3/items/create/4", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        int id = (Integer) created.json().get("id");
        assertThat(created.json()).containsEntry("bag_date", "2026-11-20T15:00:00Z")
                .containsEntry("intellectual_object_id", null).containsEntry("queued_at", null)
                .containsEntry("node", null).containsEntry("institution_identifier", "test.edu");

        int objectId = newObject("new_bag", "Standard");
        body.put("id", id);
        body.put("status", "Success");
        body.put("stage", "Cleanup");
        body.put("intellectual_object_id", objectId);
        ApiClient.Reply updated = admin().put("/admin-api/v3/items/update/" + id, body);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json()).containsEntry("status", "Success").containsEntry("intellectual_object_id", objectId)
                .containsEntry("object_identifier", "test.edu/new_bag");

        body.put("intellectual_object_id", 13);
        assertThat(admin().put("/admin-api/v3/items/update/" + id, body).json().get("field"))
                .isEqualTo("intellectual_object_id");
        body.put("intellectual_object_id", objectId);
        body.put("name", "other.tar");
        assertThat(admin().put("/admin-api/v3/items/update/" + id, body).json().get("field")).isEqualTo("name");
    }

    /**
     * Saving a restore as successful alerts the institution's active users (admins and users) once, mailed
     * through the outbox: not for other actions, not again on a later save, and not twice when saves race.
     */
    @Test
    void aSuccessfulRestoreAlertsTheInstitutionsUsersOnce() throws Exception {
        int objectId = newObject("restored_bag", "Standard");
        Map<String, Object> body = Bodies.workItem(4, "restored_bag.tar", "aptrust.restore.test.edu");
        body.put("action", "Restore Object");
        body.put("stage", "Requested");
        body.put("intellectual_object_id", objectId);
        ApiClient.Reply created = admin().post("/admin-api/v3/items/create/4", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        int id = (Integer) created.json().get("id");
        String alertsOfItem = "alerts a JOIN alerts_work_items l ON l.alert_id = a.id WHERE l.work_item_id = " + id
                + " AND a.type = 'Restoration Completed'";

        body.put("id", id);
        body.put("status", "Started");
        assertThat(admin().put("/admin-api/v3/items/update/" + id, body).status()).isEqualTo(200);
        assertThat(rows(alertsOfItem)).isZero();

        body.put("status", "Success");
        body.put("stage", "Resolve");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> saves = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                saves.add(pool.submit(() -> admin().put("/admin-api/v3/items/update/" + id, body).status()));
            }
            for (Future<Integer> save : saves) {
                assertThat(save.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows(alertsOfItem)).isEqualTo(1);
        assertThat(ApiTestApp.value(DB, "SELECT a.institution_id || ' ' || a.subject FROM " + alertsOfItem))
                .isEqualTo("4 Restoration Completed");
        assertThat(ApiTestApp.value(DB, "SELECT a.content FROM " + alertsOfItem))
                .contains("restored_bag.tar").contains("/work_items/show/" + id);
        String admins = "SELECT id FROM users WHERE institution_id = 4"
                + " AND role IN ('institutional_admin', 'institutional_user') AND deactivated_at IS NULL";
        assertThat(ApiTestApp.count(DB, "SELECT count(*) FROM (" + admins + ") x")).isEqualTo(2);
        // one message for the alert, a row per recipient naming the user, waiting for the sender
        assertThat(ApiTestApp.value(DB, "SELECT string_agg(r.address, ',' ORDER BY r.user_id) FROM mail_outbox m"
                + " JOIN mail_outbox_recipients r ON r.message_id = m.id WHERE m.alert_id = (SELECT a.id FROM "
                + alertsOfItem + ")")).isEqualTo("admin@test.edu,user@test.edu");
        assertThat(ApiTestApp.value(DB, "SELECT string_agg(u.user_id::text, ',' ORDER BY u.user_id) FROM alerts_users u"
                + " WHERE u.alert_id = (SELECT a.id FROM " + alertsOfItem + ")"))
                .isEqualTo(ApiTestApp.value(DB, "SELECT string_agg(id::text, ',' ORDER BY id) FROM (" + admins + ") x"));

        // An ingest that succeeds sends no such alert.
        Map<String, Object> ingest = Bodies.workItem(4, "ingested_bag.tar", "aptrust.receiving.test.edu");
        int ingestId = (Integer) admin().post("/admin-api/v3/items/create/4", ingest).json().get("id");
        ingest.put("id", ingestId);
        ingest.put("status", "Success");
        assertThat(admin().put("/admin-api/v3/items/update/" + ingestId, ingest).status()).isEqualTo(200);
        assertThat(rows("alerts_work_items WHERE work_item_id = " + ingestId)).isZero();
    }

    /**
     * A restoration request makes one Pending work item for the object's bag, bound for the institution's
     * restoration bucket, and publishes it (here, with no queue configured, records the request in the item).
     */
    @Test
    void initRestoreMakesOneRestorationItem() {
        int objectId = newObject("restore_me", "Standard");
        ApiClient.Reply r = admin().post("/admin-api/v3/objects/init_restore/" + objectId, null);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        int itemId = (Integer) r.json().get("id");
        assertThat(r.headers().get("location")).containsExactly("http://127.0.0.1:" + APP.getLocalPort()
                + "/admin-api/v3/items/show/" + itemId);
        assertThat(r.json()).containsEntry("action", "Restore Object").containsEntry("stage", "Requested")
                .containsEntry("status", "Pending").containsEntry("intellectual_object_id", objectId)
                .containsEntry("name", "restore_me.tar").containsEntry("institution_id", 4)
                .containsEntry("user", "system@aptrust.org").containsEntry("retry", true)
                .containsEntry("bucket", ApiTestApp.value(DB, "SELECT restore_bucket FROM institutions WHERE id = 4"));
        assertThat((String) r.json().get("note")).contains("Waiting for queue topic restore_object");

        // The first request is unfinished work: a second one is refused, and nothing is written.
        ApiClient.Reply again = admin().post("/admin-api/v3/objects/init_restore/test.edu/restore_me", null);
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.error()).contains("unfinished work");
        assertThat(rows("work_items WHERE intellectual_object_id = " + objectId)).isEqualTo(1);

        // By identifier, its slash raw or encoded; Glacier-only objects first come back from Glacier.
        int glacier = newObject("restore_me_cold", "Glacier-Deep-OR");
        ApiClient.Reply cold = admin().post("/admin-api/v3/objects/init_restore/test.edu%2Frestore_me_cold", null);
        assertThat(cold.status()).as(cold.toString()).isEqualTo(201);
        assertThat(cold.json()).containsEntry("action", "Glacier Restore")
                .containsEntry("intellectual_object_id", glacier);
        assertThat((String) cold.json().get("note")).contains("restore_glacier");

        assertThat(admin().post("/admin-api/v3/objects/init_restore/999999", null).status()).isEqualTo(404);
        assertThat(admin().post("/admin-api/v3/objects/init_restore/test.edu/no_such_bag", null).status())
                .isEqualTo(404);
    }

    @Test
    void initRestoreRefusesDeletedObjectsAndRacingRequestsMakeOneItem() throws Exception {
        int deleted = newObject("restore_deleted", "Standard");
        ApiTestApp.execute(DB, "UPDATE intellectual_objects SET state = 'D' WHERE id = " + deleted);
        ApiClient.Reply r = admin().post("/admin-api/v3/objects/init_restore/" + deleted, null);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error()).contains("deleted");

        int objectId = newObject("restore_raced", "Standard");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> requests = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                requests.add(pool.submit(() -> admin().post("/admin-api/v3/objects/init_restore/" + objectId, null)
                        .status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> request : requests) {
                statuses.add(request.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows("work_items WHERE intellectual_object_id = " + objectId)).isEqualTo(1);
    }

    @Test
    void requeueResetsTheItemAndRecordsTheQueueRequestWhenNoQueueIsConfigured() {
        ApiClient.Reply r = admin().send("PUT", "/admin-api/v3/items/requeue/16", "stage=Validate",
                "application/x-www-form-urlencoded");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json()).containsEntry("status", "Pending").containsEntry("stage", "Validate")
                .containsEntry("retry", true).containsEntry("node", null).containsEntry("pid", 0)
                .containsEntry("outcome", null).containsEntry("needs_admin_review", false)
                .containsEntry("queued_at", null);
        assertThat((String) r.json().get("note")).isEqualTo("Requeued for Validate. Waiting for queue topic"
                + " ingest02_bag_validation: no queue took it.");

        ApiClient.Reply json = admin().put("/admin-api/v3/items/requeue/15", Map.of("stage", "Requested"));
        assertThat(json.status()).as(json.toString()).isEqualTo(200);
        assertThat((String) json.json().get("note")).contains("restore_object");

        ApiClient.Reply badStage = admin().send("PUT", "/admin-api/v3/items/requeue/16", "stage=Resolve",
                "application/x-www-form-urlencoded");
        assertThat(badStage.status()).isEqualTo(400);
        assertThat(badStage.json()).containsEntry("field", "stage");
        assertThat((String) badStage.json().get("allowed")).startsWith("Receive, Validate, Reingest Check");
        assertThat(admin().put("/admin-api/v3/items/requeue/16", Map.of()).status()).isEqualTo(400);
        assertThat(admin().put("/admin-api/v3/items/requeue/9999", Map.of("stage", "Receive")).status())
                .isEqualTo(404);
    }
}
