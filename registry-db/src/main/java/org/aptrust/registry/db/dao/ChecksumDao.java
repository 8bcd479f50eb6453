package org.aptrust.registry.db.dao;

import java.util.Optional;

import org.aptrust.registry.db.model.Checksum;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads checksums_view. */
@RegisterConstructorMapper(Checksum.class)
public interface ChecksumDao {

    @SqlQuery("SELECT * FROM checksums_view WHERE id = :id")
    Optional<Checksum> find(@Bind("id") int id);
}
