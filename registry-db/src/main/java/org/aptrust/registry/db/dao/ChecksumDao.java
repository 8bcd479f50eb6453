package org.aptrust.registry.db.dao;

import java.util.Optional;

import org.aptrust.registry.db.list.ListSpec;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.model.Checksum;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads checksums_view. */
@RegisterConstructorMapper(Checksum.class)
public interface ChecksumDao extends ListDao<Checksum> {

    RowMapper<Checksum> ROW = RecordMapper.of(Checksum.class);

    @Override
    default ListSpec listSpec() {
        return Lists.CHECKSUMS;
    }

    @Override
    default RowMapper<Checksum> rowMapper() {
        return ROW;
    }

    @SqlQuery("SELECT * FROM checksums_view WHERE id = :id")
    Optional<Checksum> find(@Bind("id") int id);
}
