package org.aptrust.registry.db.dao;

import java.time.LocalDateTime;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * What a soft delete must find before it may run: an approved deletion request (confirmed, not cancelled) that
 * covers the file or object, and a storage option whose minimum retention has passed (reference §8: Glacier 90
 * days, Glacier-Deep 180, Wasabi 90, everything else 0).
 */
@RegisterConstructorMapper(DeletionApprovals.Approval.class)
public interface DeletionApprovals {

    /** The approved request a deletion acts on, with who asked and who approved. */
    record Approval(long id, String requestedBy, String approvedBy, LocalDateTime confirmedAt) {
    }

    String APPROVED = "SELECT dr.id, req.email AS requested_by, conf.email AS approved_by, dr.confirmed_at"
            + " FROM deletion_requests dr"
            + " JOIN users req ON req.id = dr.requested_by_id"
            + " JOIN users conf ON conf.id = dr.confirmed_by_id"
            + " WHERE dr.confirmed_at IS NOT NULL AND dr.cancelled_at IS NULL AND ";

    @SqlQuery(APPROVED + "(EXISTS (SELECT 1 FROM deletion_requests_generic_files x"
            + " WHERE x.deletion_request_id = dr.id AND x.generic_file_id = :fileId)"
            + " OR EXISTS (SELECT 1 FROM deletion_requests_intellectual_objects x"
            + " WHERE x.deletion_request_id = dr.id AND x.intellectual_object_id = :objectId))"
            + " ORDER BY dr.confirmed_at DESC, dr.id DESC LIMIT 1")
    Optional<Approval> forFile(@Bind("fileId") int fileId, @Bind("objectId") int objectId);

    @SqlQuery(APPROVED + "EXISTS (SELECT 1 FROM deletion_requests_intellectual_objects x"
            + " WHERE x.deletion_request_id = dr.id AND x.intellectual_object_id = :objectId)"
            + " ORDER BY dr.confirmed_at DESC, dr.id DESC LIMIT 1")
    Optional<Approval> forObject(@Bind("objectId") int objectId);

    @SqlQuery("SELECT now() AT TIME ZONE 'UTC'")
    LocalDateTime utcNow();

    /** Days a copy must be kept in this storage option before it may be deleted without an early-deletion fee. */
    static int retentionDays(String storageOption) {
        if (storageOption == null) {
            return 0;
        }
        if (storageOption.startsWith("Glacier-Deep-")) {
            return 180;
        }
        if (storageOption.startsWith("Glacier-") || storageOption.startsWith("Wasabi-")) {
            return 90;
        }
        return 0;
    }

    /** Refuses when the retention minimum of the storage option, counted from storedAt, has not passed. */
    default void assertRetentionPassed(String what, String storageOption, LocalDateTime storedAt) {
        int days = retentionDays(storageOption);
        if (days == 0 || storedAt == null) {
            return;
        }
        LocalDateTime earliest = storedAt.plusDays(days);
        if (utcNow().isBefore(earliest)) {
            throw new WriteConflictException(what + " is stored in " + storageOption + ", which must be kept at least "
                    + days + " days: it cannot be deleted before " + earliest.toLocalDate() + " (UTC)");
        }
    }
}
