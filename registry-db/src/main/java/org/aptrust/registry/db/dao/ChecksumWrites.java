package org.aptrust.registry.db.dao;

import java.time.LocalDateTime;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Inserts checksums. Checksums are insert-only: there is deliberately no update or delete. */
public interface ChecksumWrites {

    /**
     * A checksum as a client sends it (the admin API reads its body into this record, alone or nested in a file)
     * and as it is inserted. A body's id is never written; the file is the one {@link #insert} is given.
     */
    record NewChecksum(Long id, String algorithm, LocalDateTime datetime, String digest, Integer genericFileId) {
    }

    @SqlUpdate("INSERT INTO checksums (algorithm, datetime, digest, generic_file_id, created_at, updated_at)"
            + " VALUES (:algorithm, :datetime, :digest, :fileId, now() AT TIME ZONE 'UTC',"
            + " now() AT TIME ZONE 'UTC')")
    @GetGeneratedKeys("id")
    int insert(@BindMethods NewChecksum checksum, @Bind("fileId") int fileId);
}
