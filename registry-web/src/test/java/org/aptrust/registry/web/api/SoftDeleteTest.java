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

/**
 * Soft deletes of files and objects: state D, a deletion event naming who asked and who approved, a file's
 * storage records removed; refused with 409 (and nothing written) without an approved deletion request, with
 * pending work, with active files (objects), inside the storage option's retention minimum, or when already
 * deleted.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SoftDeleteTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = ApiTestApp.on(DB);

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private static ApiClient admin() {
        return ApiClient.as(APP.getLocalPort(), "system@aptrust.org");
    }

    /** An approved request of test.edu (asked by admin@test.edu, approved by system) covering objects or files. */
    private static void approve(String linkTable, String column, int id) {
        String request = ApiTestApp.value(DB, "INSERT INTO deletion_requests (institution_id, requested_by_id,"
                + " requested_at, encrypted_confirmation_token, confirmed_by_id, confirmed_at)"
                + " VALUES (4, 10, now() - interval '1 day', 'x', 1, now() - interval '1 hour') RETURNING id");
        ApiTestApp.execute(DB, "INSERT INTO " + linkTable + " (deletion_request_id, " + column + ") VALUES ("
                + request + ", " + id + ")");
    }

    private static int newObject(String bag, String storageOption) {
        ApiClient.Reply r = admin().post("/admin-api/v3/objects/create/4",
                Bodies.object(4, "test.edu/" + bag, storageOption));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return (Integer) r.json().get("id");
    }

    private static int newFile(int objectId, String identifier, String storageOption) {
        Map<String, Object> f = Bodies.file(4, objectId, identifier, storageOption);
        f.put("storage_records", Bodies.list(Map.of("url", "https://s3.amazonaws.com/b/" + f.get("uuid")),
                Map.of("url", "https://s3.us-west-2.amazonaws.com/o/" + f.get("uuid"))));
        ApiClient.Reply r = admin().post("/admin-api/v3/files/create/4", f);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return (Integer) r.json().get("id");
    }

    private static long count(String sql) {
        return ApiTestApp.count(DB, sql);
    }

    @Test
    void deletingAFileWithAnApprovedRequestMarksItDeletedRecordsAnEventAndDropsItsCopies() {
        int objectId = newObject("deletable", "Standard");
        int fileId = newFile(objectId, "test.edu/deletable/data/a.txt", "Standard");
        approve("deletion_requests_generic_files", "generic_file_id", fileId);
        assertThat(count("SELECT count(*) FROM storage_records WHERE generic_file_id = " + fileId)).isEqualTo(2);

        ApiClient.Reply r = admin().delete("/admin-api/v3/files/delete/" + fileId);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json()).containsEntry("state", "D").containsEntry("storage_records", java.util.List.of());
        assertThat(count("SELECT count(*) FROM storage_records WHERE generic_file_id = " + fileId)).isZero();
        assertThat(ApiTestApp.value(DB, "SELECT outcome_detail || ' | ' || outcome_information || ' | ' || outcome"
                + " FROM premis_events WHERE event_type = 'deletion' AND generic_file_id = " + fileId))
                .isEqualTo("admin@test.edu | File deleted at the request of admin@test.edu. Institutional approver:"
                        + " system@aptrust.org. | Success");
        assertThat(admin().delete("/admin-api/v3/files/delete/" + fileId).status()).isEqualTo(409);
    }

    @Test
    void aFileIsAlsoDeletableUnderItsObjectsApprovedRequest() {
        int objectId = newObject("whole_bag", "Standard");
        int fileId = newFile(objectId, "test.edu/whole_bag/data/a.txt", "Standard");
        approve("deletion_requests_intellectual_objects", "intellectual_object_id", objectId);
        assertThat(admin().delete("/admin-api/v3/files/delete/" + fileId).status()).isEqualTo(200);
    }

    @Test
    void fileDeletionIsRefusedWithoutApprovalWithPendingWorkOrInsideRetention() {
        // File 13 has only a pending (unapproved) request.
        ApiClient.Reply pendingRequest = admin().delete("/admin-api/v3/files/delete/13");
        assertThat(pendingRequest.status()).isEqualTo(409);
        assertThat(pendingRequest.error()).contains("no approved deletion request");
        // File 5 has a pending Restore File work item.
        approve("deletion_requests_generic_files", "generic_file_id", 5);
        ApiClient.Reply pendingWork = admin().delete("/admin-api/v3/files/delete/5");
        assertThat(pendingWork.status()).isEqualTo(409);
        assertThat(pendingWork.error()).contains("pending work item");
        // A file stored today in Glacier Deep Archive must stay 180 days.
        int objectId = newObject("deep_bag", "Glacier-Deep-OR");
        int fileId = newFile(objectId, "test.edu/deep_bag/data/a.txt", "Glacier-Deep-OR");
        approve("deletion_requests_generic_files", "generic_file_id", fileId);
        ApiClient.Reply retention = admin().delete("/admin-api/v3/files/delete/" + fileId);
        assertThat(retention.status()).isEqualTo(409);
        assertThat(retention.error()).contains("180 days");
        // Nothing of the refused deletions was written.
        assertThat(count("SELECT count(*) FROM generic_files WHERE id IN (5, 13, " + fileId + ") AND state = 'A'"))
                .isEqualTo(3);
        assertThat(count("SELECT count(*) FROM premis_events WHERE event_type = 'deletion'"
                + " AND generic_file_id IN (5, 13, " + fileId + ")")).isZero();
        assertThat(count("SELECT count(*) FROM storage_records WHERE generic_file_id = " + fileId)).isEqualTo(2);
        // An old Glacier Deep file (object 3, stored 2019) is past its minimum.
        approve("deletion_requests_generic_files", "generic_file_id", 14);
        ApiTestApp.execute(DB, "UPDATE deletion_requests SET institution_id = 2 WHERE id = (SELECT max(id)"
                + " FROM deletion_requests)");
        assertThat(admin().delete("/admin-api/v3/files/delete/14").status()).isEqualTo(200);
    }

    @Test
    void deletingAnObjectNeedsNoActiveFilesAndAnApprovedRequest() {
        int objectId = newObject("object_to_delete", "Standard");
        int fileId = newFile(objectId, "test.edu/object_to_delete/data/a.txt", "Standard");

        ApiClient.Reply activeFiles = admin().delete("/admin-api/v3/objects/delete/" + objectId);
        assertThat(activeFiles.status()).isEqualTo(409);
        assertThat(activeFiles.error()).contains("1 active file");

        ApiTestApp.execute(DB, "UPDATE generic_files SET state = 'D' WHERE id = " + fileId);
        ApiClient.Reply noApproval = admin().delete("/admin-api/v3/objects/delete/" + objectId);
        assertThat(noApproval.status()).isEqualTo(409);
        assertThat(noApproval.error()).contains("no approved deletion request");

        approve("deletion_requests_intellectual_objects", "intellectual_object_id", objectId);
        ApiClient.Reply deleted = admin().delete("/admin-api/v3/objects/delete/" + objectId);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json()).containsEntry("state", "D");
        assertThat(ApiTestApp.value(DB, "SELECT detail FROM premis_events WHERE event_type = 'deletion'"
                + " AND generic_file_id IS NULL AND intellectual_object_id = " + objectId))
                .isEqualTo("Object deleted from preservation storage");
        assertThat(admin().delete("/admin-api/v3/objects/delete/" + objectId).error()).contains("already deleted");
    }

    @Test
    void objectDeletionIsRefusedWithPendingWorkOrInsideRetention() {
        // Object 4 is being re-ingested (work item 10 is Started).
        ApiClient.Reply pending = admin().delete("/admin-api/v3/objects/delete/4");
        assertThat(pending.status()).isEqualTo(409);
        assertThat(pending.error()).contains("pending work item");

        int objectId = newObject("wasabi_bag", "Wasabi-OR");
        approve("deletion_requests_intellectual_objects", "intellectual_object_id", objectId);
        ApiClient.Reply retention = admin().delete("/admin-api/v3/objects/delete/" + objectId);
        assertThat(retention.status()).isEqualTo(409);
        assertThat(retention.error()).contains("90 days");
        assertThat(ApiTestApp.value(DB, "SELECT state FROM intellectual_objects WHERE id = " + objectId))
                .isEqualTo("A");

        // A cancelled request does not count (object 10's request 3 was cancelled).
        ApiTestApp.execute(DB, "UPDATE generic_files SET state = 'D' WHERE intellectual_object_id = 10");
        assertThat(admin().delete("/admin-api/v3/objects/delete/10").error())
                .contains("no approved deletion request");
        assertThat(admin().delete("/admin-api/v3/objects/delete/99999").status()).isEqualTo(404);
    }
}
