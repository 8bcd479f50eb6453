package org.aptrust.registry.db.dao;

import java.util.Optional;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * Records preservation copies of files. Saving the same copy (file and URL) twice keeps one row: the original
 * meant to with ON CONFLICT DO NOTHING, but with no unique key that never matched, and re-ingests duplicated rows.
 */
public interface StorageRecordWrites {

    /**
     * A storage record (one preservation copy's URL) as a client sends it (the admin API reads its body into this
     * record, alone or nested in a file). A body's id is never written; a nested record's file is the one it is
     * saved with.
     */
    record NewStorageRecord(Long id, Integer genericFileId, String url) {

        /** The URL as it is stored: without surrounding white space. */
        public String storedUrl() {
            return url.strip();
        }
    }

    @SqlQuery("SELECT id FROM storage_records WHERE generic_file_id = :fileId AND url = :url ORDER BY id LIMIT 1")
    Optional<Long> find(@Bind("fileId") int genericFileId, @Bind("url") String url);

    @SqlUpdate("INSERT INTO storage_records (generic_file_id, url) VALUES (:fileId, :url)")
    @GetGeneratedKeys("id")
    long insert(@Bind("fileId") int genericFileId, @Bind("url") String url);

    /** The id of the copy, inserted now unless the file already had it. */
    @Transaction
    default Saved save(int genericFileId, String url) {
        Optional<Long> existing = find(genericFileId, url);
        return existing.map(id -> new Saved(id, false)).orElseGet(() -> new Saved(insert(genericFileId, url), true));
    }

    /** The row's id and whether this call inserted it. */
    record Saved(long id, boolean created) {
    }

    @SqlUpdate("DELETE FROM storage_records WHERE generic_file_id = :fileId")
    int deleteForFile(@Bind("fileId") int genericFileId);
}
