package org.aptrust.registry.db.dao;

import java.util.List;
import java.util.Optional;

import org.aptrust.registry.db.model.WorkItem;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads work_items_view. */
@RegisterConstructorMapper(WorkItem.class)
public interface WorkItemDao {

    @SqlQuery("SELECT * FROM work_items_view WHERE id = :id")
    Optional<WorkItem> find(@Bind("id") int id);

    /** Several items by id, most recently processed first (the items with data in Redis). */
    @SqlQuery("SELECT * FROM work_items_view WHERE id IN (<ids>) ORDER BY date_processed DESC, id DESC")
    List<WorkItem> findAll(@BindList("ids") List<Integer> ids);

    /** An object by id and identifier. */
    record ObjectRef(int id, String identifier) {
    }

    /**
     * The object an ingest item made, found by what the item knows of it (its institution, its bag's name without
     * ".tar", its etag): for linking a successful ingest that lost its object id.
     */
    @SqlQuery("SELECT o.id, o.identifier FROM work_items w JOIN institutions i ON i.id = w.institution_id"
            + " JOIN intellectual_objects o ON o.institution_id = w.institution_id AND o.etag = w.etag"
            + " AND o.identifier = i.identifier || '/' || regexp_replace(w.name, '\\.tar$', '')"
            + " WHERE w.id = :id ORDER BY o.id")
    @RegisterConstructorMapper(ObjectRef.class)
    List<ObjectRef> ingestedObject(@Bind("id") int itemId);
}
