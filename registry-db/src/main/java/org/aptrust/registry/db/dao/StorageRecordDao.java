package org.aptrust.registry.db.dao;

import java.util.Optional;

import org.aptrust.registry.db.model.StorageRecord;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads storage_records (no view: the table has nothing to join). */
@RegisterConstructorMapper(StorageRecord.class)
public interface StorageRecordDao {

    @SqlQuery("SELECT * FROM storage_records WHERE id = :id")
    Optional<StorageRecord> find(@Bind("id") long id);

    /** The institution a storage record belongs to, through its file (for authorization). */
    @SqlQuery("SELECT gf.institution_id FROM storage_records sr JOIN generic_files gf ON gf.id = sr.generic_file_id"
            + " WHERE sr.id = :id")
    Optional<Integer> institutionIdOf(@Bind("id") long id);
}
