package org.aptrust.registry.db.dao;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The statements of the deletion workflow (request, approve, cancel). The workflow runs them in one transaction
 * per step and decides; every row it decides on is read here with {@code FOR UPDATE}, so two steps on one request
 * (two admins approving at once, an approval racing a cancellation) take turns and the second sees the first's
 * outcome.
 */
@RegisterConstructorMapper(DeletionWrites.Person.class)
@RegisterConstructorMapper(DeletionWrites.ObjectToDelete.class)
@RegisterConstructorMapper(DeletionWrites.FileToDelete.class)
@RegisterConstructorMapper(DeletionWrites.RequestState.class)
public interface DeletionWrites {

    /** A user as the workflow's rules need them. */
    record Person(int id, String email, String name, Integer institutionId, String role, boolean active) {
        public boolean isInstitutionalAdminOf(int institution) {
            return active && "institutional_admin".equals(role) && institutionId != null
                    && institutionId == institution;
        }
    }

    /** An object a request covers, with what a reviewer is shown: its active files and their size. */
    record ObjectToDelete(int id, String identifier, int institutionId, String state, String storageOption,
                          long fileCount, long size) {
    }

    /** A file a request covers. */
    record FileToDelete(int id, String identifier, int institutionId, String state, int intellectualObjectId,
                        String objectIdentifier, long size) {
    }

    /** A request as a step on it must see it, with whether its confirmation link has expired. */
    record RequestState(long id, int institutionId, int requestedById, String tokenHash, LocalDateTime requestedAt,
                        Integer confirmedById, LocalDateTime confirmedAt, Integer cancelledById,
                        LocalDateTime cancelledAt, boolean expired) {
        public boolean decided() {
            return confirmedAt != null || cancelledAt != null;
        }
    }

    String PERSON = "SELECT id, email, name, institution_id, role, deactivated_at IS NULL AS active FROM users";

    @SqlQuery(PERSON + " WHERE id = :id")
    Optional<Person> person(@Bind("id") int id);

    @SqlQuery(PERSON + " WHERE institution_id = :institutionId AND role = 'institutional_admin'"
            + " AND deactivated_at IS NULL ORDER BY id")
    List<Person> activeInstitutionalAdmins(@Bind("institutionId") int institutionId);

    String OBJECTS = "SELECT o.id, o.identifier, o.institution_id, o.state, o.storage_option,"
            + " (SELECT count(*) FROM generic_files f WHERE f.intellectual_object_id = o.id AND f.state = 'A')"
            + " AS file_count,"
            + " (SELECT COALESCE(sum(f.size), 0) FROM generic_files f WHERE f.intellectual_object_id = o.id"
            + " AND f.state = 'A') AS size FROM intellectual_objects o";

    /** The objects, locked in id order (so two requests over overlapping objects never deadlock). */
    @SqlQuery(OBJECTS + " WHERE o.id IN (<ids>) ORDER BY o.id FOR UPDATE OF o")
    List<ObjectToDelete> lockObjects(@BindList("ids") List<Integer> ids);

    @SqlQuery(OBJECTS + " WHERE o.id IN (<ids>) ORDER BY o.identifier, o.id")
    List<ObjectToDelete> objects(@BindList("ids") List<Integer> ids);

    String FILES = "SELECT f.id, f.identifier, f.institution_id, f.state, f.intellectual_object_id,"
            + " o.identifier AS object_identifier, f.size FROM generic_files f"
            + " JOIN intellectual_objects o ON o.id = f.intellectual_object_id";

    @SqlQuery(FILES + " WHERE f.id = :id FOR UPDATE OF f")
    Optional<FileToDelete> lockFile(@Bind("id") int id);

    @SqlQuery(FILES + " WHERE f.id IN (<ids>) ORDER BY f.identifier, f.id")
    List<FileToDelete> files(@BindList("ids") List<Integer> ids);

    /** Unfinished work items of the object or its bag ({@link ObjectWork}), of any action. */
    @SqlQuery("SELECT count(*)" + ObjectWork.OPEN)
    int unfinishedWork(@Bind("id") int objectId);

    /** Requests not yet approved or cancelled, and not expired, that cover the object or one of its files. */
    @SqlQuery("SELECT dr.id FROM deletion_requests dr WHERE dr.confirmed_at IS NULL AND dr.cancelled_at IS NULL"
            + " AND dr.requested_at > (now() AT TIME ZONE 'UTC') - make_interval(secs => :validitySeconds)"
            + " AND (EXISTS (SELECT 1 FROM deletion_requests_intellectual_objects x"
            + " WHERE x.deletion_request_id = dr.id AND x.intellectual_object_id = :objectId)"
            + " OR EXISTS (SELECT 1 FROM deletion_requests_generic_files x JOIN generic_files f"
            + " ON f.id = x.generic_file_id WHERE x.deletion_request_id = dr.id"
            + " AND f.intellectual_object_id = :objectId)) ORDER BY dr.id")
    List<Long> openRequestsFor(@Bind("objectId") int objectId, @Bind("validitySeconds") long validitySeconds);

    /** Requests not yet decided, and not expired, that cover the file or its whole object. */
    @SqlQuery("SELECT dr.id FROM deletion_requests dr WHERE dr.confirmed_at IS NULL AND dr.cancelled_at IS NULL"
            + " AND dr.requested_at > (now() AT TIME ZONE 'UTC') - make_interval(secs => :validitySeconds)"
            + " AND (EXISTS (SELECT 1 FROM deletion_requests_intellectual_objects x"
            + " WHERE x.deletion_request_id = dr.id AND x.intellectual_object_id = :objectId)"
            + " OR EXISTS (SELECT 1 FROM deletion_requests_generic_files x"
            + " WHERE x.deletion_request_id = dr.id AND x.generic_file_id = :fileId)) ORDER BY dr.id")
    List<Long> openRequestsForFile(@Bind("fileId") int fileId, @Bind("objectId") int objectId,
                                   @Bind("validitySeconds") long validitySeconds);

    @SqlQuery("SELECT name FROM institutions WHERE id = :id")
    String institutionName(@Bind("id") int id);

    @SqlUpdate("INSERT INTO deletion_requests (institution_id, requested_by_id, requested_at,"
            + " encrypted_confirmation_token) VALUES (:institutionId, :requestedById, now() AT TIME ZONE 'UTC',"
            + " :tokenHash)")
    @GetGeneratedKeys("id")
    long insertRequest(@Bind("institutionId") int institutionId, @Bind("requestedById") int requestedById,
                       @Bind("tokenHash") String tokenHash);

    @SqlUpdate("INSERT INTO deletion_requests_intellectual_objects (deletion_request_id, intellectual_object_id)"
            + " VALUES (:requestId, :objectId)")
    void addObject(@Bind("requestId") long requestId, @Bind("objectId") int objectId);

    @SqlUpdate("INSERT INTO deletion_requests_generic_files (deletion_request_id, generic_file_id)"
            + " VALUES (:requestId, :fileId)")
    void addFile(@Bind("requestId") long requestId, @Bind("fileId") int fileId);

    String STATE = "SELECT id, institution_id, requested_by_id, encrypted_confirmation_token AS token_hash,"
            + " requested_at, confirmed_by_id, confirmed_at, cancelled_by_id, cancelled_at,"
            + " requested_at <= (now() AT TIME ZONE 'UTC') - make_interval(secs => :validitySeconds) AS expired"
            + " FROM deletion_requests WHERE id = :id";

    @SqlQuery(STATE)
    Optional<RequestState> find(@Bind("id") long id, @Bind("validitySeconds") long validitySeconds);

    /** The request, its row locked until the transaction ends: steps on one request take turns. */
    @SqlQuery(STATE + " FOR UPDATE")
    Optional<RequestState> lock(@Bind("id") long id, @Bind("validitySeconds") long validitySeconds);

    @SqlQuery("SELECT intellectual_object_id FROM deletion_requests_intellectual_objects"
            + " WHERE deletion_request_id = :id ORDER BY intellectual_object_id")
    List<Integer> objectIdsOf(@Bind("id") long requestId);

    @SqlQuery("SELECT generic_file_id FROM deletion_requests_generic_files"
            + " WHERE deletion_request_id = :id ORDER BY generic_file_id")
    List<Integer> fileIdsOf(@Bind("id") long requestId);

    /** Approves an undecided request; 0 when it was decided already (nothing changes). */
    @SqlUpdate("UPDATE deletion_requests SET confirmed_by_id = :userId, confirmed_at = now() AT TIME ZONE 'UTC'"
            + " WHERE id = :id AND confirmed_at IS NULL AND cancelled_at IS NULL")
    int confirm(@Bind("id") long id, @Bind("userId") int userId);

    /** Cancels an undecided request; 0 when it was decided already (nothing changes). */
    @SqlUpdate("UPDATE deletion_requests SET cancelled_by_id = :userId, cancelled_at = now() AT TIME ZONE 'UTC'"
            + " WHERE id = :id AND confirmed_at IS NULL AND cancelled_at IS NULL")
    int cancel(@Bind("id") long id, @Bind("userId") int userId);

    /** The work item's values taken from the object's latest successful ingest, as the original's deletion items. */
    String FROM_LAST_INGEST = " LEFT JOIN LATERAL (SELECT w.name, w.etag, w.bucket, w.bag_date FROM work_items w"
            + " WHERE w.intellectual_object_id = o.id AND w.action = 'Ingest' AND w.status = 'Success'"
            + " ORDER BY w.date_processed DESC NULLS LAST, w.id DESC LIMIT 1) ing ON true";

    /** A Delete work item's columns, up to its object and file ids, which each statement selects. */
    String DELETE_ITEM = "INSERT INTO work_items (created_at, updated_at, intellectual_object_id, generic_file_id, name,"
            + " etag, bucket, \"user\", note, action, stage, status, outcome, bag_date, date_processed, retry, pid,"
            + " needs_admin_review, institution_id, size, inst_approver, deletion_request_id)"
            + " SELECT now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', ";

    /**
     * A Delete work item for an object, Pending at stage Requested: name, etag, bucket and bag date from its latest
     * successful ingest (the object's own when none is left), who asked and which institutional admin approved.
     */
    @SqlUpdate(DELETE_ITEM + "o.id, NULL,"
            + " COALESCE(ing.name, o.bag_name || '.tar'), COALESCE(ing.etag, o.etag),"
            + " COALESCE(ing.bucket, i.receiving_bucket), :requestedBy,"
            + " 'Deletion of object ' || o.identifier || ' approved by ' || :approvedBy || '.',"
            + " 'Delete', 'Requested', 'Pending', 'Not started', COALESCE(ing.bag_date, o.created_at),"
            + " now() AT TIME ZONE 'UTC', true, 0, false, o.institution_id,"
            + " (SELECT COALESCE(sum(f.size), 0) FROM generic_files f WHERE f.intellectual_object_id = o.id"
            + " AND f.state = 'A'), :approvedBy, :requestId"
            + " FROM intellectual_objects o JOIN institutions i ON i.id = o.institution_id" + FROM_LAST_INGEST
            + " WHERE o.id = :objectId")
    @GetGeneratedKeys("id")
    int insertObjectDeletion(@Bind("objectId") int objectId, @Bind("requestId") long requestId,
                             @Bind("requestedBy") String requestedBy, @Bind("approvedBy") String approvedBy);

    /** The same for one file: its object's ingest values, the file's id and size. */
    @SqlUpdate(DELETE_ITEM + "o.id, gf.id,"
            + " COALESCE(ing.name, o.bag_name || '.tar'), COALESCE(ing.etag, o.etag),"
            + " COALESCE(ing.bucket, i.receiving_bucket), :requestedBy,"
            + " 'Deletion of file ' || gf.identifier || ' approved by ' || :approvedBy || '.',"
            + " 'Delete', 'Requested', 'Pending', 'Not started', COALESCE(ing.bag_date, o.created_at),"
            + " now() AT TIME ZONE 'UTC', true, 0, false, gf.institution_id, gf.size, :approvedBy, :requestId"
            + " FROM generic_files gf JOIN intellectual_objects o ON o.id = gf.intellectual_object_id"
            + " JOIN institutions i ON i.id = o.institution_id" + FROM_LAST_INGEST
            + " WHERE gf.id = :fileId")
    @GetGeneratedKeys("id")
    int insertFileDeletion(@Bind("fileId") int fileId, @Bind("requestId") long requestId,
                           @Bind("requestedBy") String requestedBy, @Bind("approvedBy") String approvedBy);

    @SqlQuery("SELECT id FROM work_items WHERE deletion_request_id = :id ORDER BY id")
    List<Integer> workItemsOf(@Bind("id") long requestId);
}
