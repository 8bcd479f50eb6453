package org.aptrust.registry.db.dao;

import java.util.List;

import org.aptrust.registry.db.model.InstitutionFields;
import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Changes to institutions (the web forms), each one transaction with its audit rows: one per changed field. */
public interface InstitutionWrites {

    @CreateSqlObject
    InstitutionRecordDao records();

    @CreateSqlObject
    InstitutionAuditDao audit();

    /** A new institution, with a "created" row for each field it was given. */
    @Transaction
    default int create(InstitutionFields fields, int actorId, String ip) {
        int id = records().insert(fields);
        record(id, "created", fields.changesFrom(null), actorId, ip);
        return id;
    }

    /** An APTrust admin's edit (everything but the identifier); returns the changes recorded. */
    @Transaction
    default List<InstitutionFields.Change> edit(int id, InstitutionFields before, InstitutionFields after, int actorId,
                                                String ip) {
        List<InstitutionFields.Change> changes = after.changesFrom(before);
        if (!changes.isEmpty()) {
            records().update(id, after);
            record(id, "edited", changes, actorId, ip);
        }
        return changes;
    }

    /** An admin's edit of the preferences (two-factor sign-in required, spot restore frequency). */
    @Transaction
    default List<InstitutionFields.Change> editPreferences(int id, InstitutionFields before, InstitutionFields after,
                                                           int actorId, String ip) {
        List<InstitutionFields.Change> changes = after.changesFrom(before);
        if (!changes.isEmpty()) {
            records().updatePreferences(id, after);
            record(id, "preferences_edited", changes, actorId, ip);
        }
        return changes;
    }

    /** Deactivates (state D); false, and nothing recorded, when it was deactivated already. */
    @Transaction
    default boolean deactivate(int id, int actorId, String ip) {
        if (records().deactivate(id) != 1) {
            return false;
        }
        audit().record(id, actorId, "deactivated", "state", "A", "D", ip);
        return true;
    }

    /** Reactivates (state A); false, and nothing recorded, when it was active. */
    @Transaction
    default boolean reactivate(int id, int actorId, String ip) {
        if (records().reactivate(id) != 1) {
            return false;
        }
        audit().record(id, actorId, "reactivated", "state", "D", "A", ip);
        return true;
    }

    /** One audit row per change. */
    default void record(int id, String action, List<InstitutionFields.Change> changes, int actorId, String ip) {
        for (InstitutionFields.Change c : changes) {
            audit().record(id, actorId, action, c.field(), c.oldValue(), c.newValue(), ip);
        }
    }
}
