package org.aptrust.registry.db.dao;

import java.util.Optional;

import org.aptrust.registry.db.list.ListSpec;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.model.WorkItem;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads work_items_view. */
@RegisterConstructorMapper(WorkItem.class)
public interface WorkItemDao extends ListDao<WorkItem> {

    RowMapper<WorkItem> ROW = RecordMapper.of(WorkItem.class);

    @Override
    default ListSpec listSpec() {
        return Lists.WORK_ITEMS;
    }

    @Override
    default RowMapper<WorkItem> rowMapper() {
        return ROW;
    }

    @SqlQuery("SELECT * FROM work_items_view WHERE id = :id")
    Optional<WorkItem> find(@Bind("id") int id);
}
