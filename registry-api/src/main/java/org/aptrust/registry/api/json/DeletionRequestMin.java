package org.aptrust.registry.api.json;

import java.time.LocalDateTime;
import java.util.List;

import org.aptrust.registry.db.model.DeletionDetail;
import org.aptrust.registry.db.model.DeletionRequest;
import org.aptrust.registry.db.model.GenericFile;
import org.aptrust.registry.db.model.IntellectualObject;

/**
 * The compact form of a deletion request the original's admin API shows: who asked, confirmed and cancelled (id,
 * name and email only) and the files and objects it covers.
 */
public record DeletionRequestMin(
        long id,
        Integer institutionId,
        LocalDateTime requestedAt,
        LocalDateTime confirmedAt,
        LocalDateTime cancelledAt,
        UserMin requestedBy,
        UserMin confirmedBy,
        UserMin cancelledBy,
        List<GenericFile> genericFiles,
        List<IntellectualObject> intellectualObjects) {

    /** Enough to identify a user, and nothing more. */
    public record UserMin(int id, String name, String email) {
        static UserMin of(Integer id, String name, String email) {
            return id == null ? null : new UserMin(id, name, email);
        }
    }

    public static DeletionRequestMin of(DeletionDetail d) {
        DeletionRequest r = d.request();
        return new DeletionRequestMin(r.id(), r.institutionId(), r.requestedAt(), r.confirmedAt(), r.cancelledAt(),
                UserMin.of(r.requestedById(), r.requestedByName(), r.requestedByEmail()),
                UserMin.of(r.confirmedById(), r.confirmedByName(), r.confirmedByEmail()),
                UserMin.of(r.cancelledById(), r.cancelledByName(), r.cancelledByEmail()),
                d.files(), d.objects());
    }
}
