package org.aptrust.registry.db.dao;

import java.util.List;

import org.aptrust.registry.db.model.InternalMetadata;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads ar_internal_metadata for the admins' internals page. */
@RegisterConstructorMapper(InternalMetadata.class)
public interface InternalMetadataDao {

    @SqlQuery("SELECT key, value, created_at, updated_at FROM ar_internal_metadata ORDER BY key")
    List<InternalMetadata> all();
}
