package org.aptrust.registry.db.dao;

import java.time.LocalDateTime;

import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Inserts checksums. Checksums are insert-only: there is deliberately no update or delete. */
public interface ChecksumWrites {

    /** A checksum to insert. */
    record NewChecksum(int genericFileId, String algorithm, String digest, LocalDateTime datetime) {
    }

    @SqlUpdate("INSERT INTO checksums (algorithm, datetime, digest, generic_file_id, created_at, updated_at)"
            + " VALUES (:algorithm, :datetime, :digest, :genericFileId, now() AT TIME ZONE 'UTC',"
            + " now() AT TIME ZONE 'UTC')")
    @GetGeneratedKeys("id")
    int insert(@BindMethods NewChecksum checksum);
}
