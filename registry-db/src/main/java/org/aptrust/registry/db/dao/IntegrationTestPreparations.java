package org.aptrust.registry.db.dao;

import java.util.Optional;

import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * What the original's test-only admin routes do for the preservation services' integration tests: make a file or
 * an object deletable at once by going around the deletion workflow. Only for disposable databases; the
 * application offers it only when its configuration asks (api.testRoutes).
 */
@RegisterConstructorMapper(IntegrationTestPreparations.Admin.class)
public interface IntegrationTestPreparations {

    /** An active institutional admin of the institution: requester and approver of the prepared deletion. */
    record Admin(int id, String email) {
    }

    @CreateSqlObject
    DeletionWrites deletions();

    @SqlQuery("SELECT institution_id FROM generic_files WHERE id = :id FOR UPDATE")
    Optional<Integer> lockFile(@Bind("id") int fileId);

    @SqlQuery("SELECT institution_id FROM intellectual_objects WHERE id = :id FOR UPDATE")
    Optional<Integer> lockObject(@Bind("id") int objectId);

    @SqlQuery("SELECT id, email FROM users WHERE institution_id = :id AND role = 'institutional_admin'"
            + " AND deactivated_at IS NULL ORDER BY id LIMIT 1")
    Optional<Admin> institutionalAdmin(@Bind("id") int institutionId);

    @SqlUpdate("UPDATE generic_files SET created_at = now() AT TIME ZONE 'UTC' - interval '365 days' WHERE id = :id")
    void ageFile(@Bind("id") int fileId);

    @SqlUpdate("UPDATE generic_files SET created_at = now() AT TIME ZONE 'UTC' - interval '365 days'"
            + " WHERE intellectual_object_id = :id")
    void ageFilesOf(@Bind("id") int objectId);

    @SqlUpdate("UPDATE intellectual_objects SET created_at = now() AT TIME ZONE 'UTC' - interval '365 days'"
            + " WHERE id = :id")
    void ageObject(@Bind("id") int objectId);

    /** An ingestion event now, for the file (or, with a null file, the object): deletion looks for the latest. */
    @SqlUpdate("INSERT INTO premis_events (identifier, event_type, date_time, outcome_detail, detail,"
            + " outcome_information, object, agent, intellectual_object_id, generic_file_id, created_at, updated_at,"
            + " outcome, institution_id) SELECT gen_random_uuid()::text, 'ingestion', now() AT TIME ZONE 'UTC',"
            + " 'prepared for an integration test', 'Completed copy to preservation storage',"
            + " 'prepared by POST /admin-api/v3/prepare_*_delete', 'Registry', 'Registry test preparation',"
            + " o.id, :fileId, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', 'Success', o.institution_id"
            + " FROM intellectual_objects o WHERE o.id = :objectId")
    void insertIngestEvent(@Bind("objectId") int objectId, @Bind("fileId") Integer fileId);

    @SqlQuery("SELECT intellectual_object_id FROM generic_files WHERE id = :id")
    int objectOf(@Bind("id") int fileId);

    @SqlUpdate("UPDATE work_items SET status = 'Started', updated_at = now() AT TIME ZONE 'UTC' WHERE id = :id")
    void start(@Bind("id") int workItemId);

    /**
     * A file made deletable: a year old, a fresh ingestion event, a deletion request asked for and approved by an
     * institutional admin of its institution, and its Delete work item, Started.
     *
     * @return the work item's id
     * @throws WriteConflictException when the file does not exist or its institution has no active admin
     */
    @Transaction
    default int prepareFileDelete(int fileId) {
        int institution = lockFile(fileId).orElseThrow(() -> new WriteConflictException("file " + fileId
                + " does not exist"));
        Admin admin = institutionalAdmin(institution).orElseThrow(() -> new WriteConflictException("institution "
                + institution + " has no active institutional admin"));
        ageFile(fileId);
        insertIngestEvent(objectOf(fileId), fileId);
        long request = deletions().insertRequest(institution, admin.id(), "prepared-for-an-integration-test");
        deletions().addFile(request, fileId);
        deletions().confirm(request, admin.id());
        int item = deletions().insertFileDeletion(fileId, request, admin.email(), admin.email());
        start(item);
        return item;
    }

    /** The same for an object and all its files. */
    @Transaction
    default int prepareObjectDelete(int objectId) {
        int institution = lockObject(objectId).orElseThrow(() -> new WriteConflictException("object " + objectId
                + " does not exist"));
        Admin admin = institutionalAdmin(institution).orElseThrow(() -> new WriteConflictException("institution "
                + institution + " has no active institutional admin"));
        ageObject(objectId);
        ageFilesOf(objectId);
        insertIngestEvent(objectId, null);
        long request = deletions().insertRequest(institution, admin.id(), "prepared-for-an-integration-test");
        deletions().addObject(request, objectId);
        deletions().confirm(request, admin.id());
        int item = deletions().insertObjectDeletion(objectId, request, admin.email(), admin.email());
        start(item);
        return item;
    }
}
