package org.aptrust.registry.db.dao;

import java.util.List;
import java.util.Optional;

import org.aptrust.registry.db.model.DeletionDetail;
import org.aptrust.registry.db.model.DeletionRequest;
import org.aptrust.registry.db.model.GenericFile;
import org.aptrust.registry.db.model.IntellectualObject;
import org.aptrust.registry.db.model.WorkItem;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Reads deletion_requests_view, and the files, objects and work items of a request. */
@RegisterConstructorMapper(DeletionRequest.class)
@RegisterConstructorMapper(GenericFile.class)
@RegisterConstructorMapper(IntellectualObject.class)
@RegisterConstructorMapper(WorkItem.class)
public interface DeletionRequestDao {

    @SqlQuery("SELECT * FROM deletion_requests_view WHERE id = :id")
    Optional<DeletionRequest> find(@Bind("id") long id);

    /** The request with its files, objects and work items, from one snapshot. */
    @Transaction(value = TransactionIsolationLevel.REPEATABLE_READ, readOnly = true)
    default Optional<DeletionDetail> detail(long id) {
        return find(id).map(r -> new DeletionDetail(r, filesOf(id), objectsOf(id), workItemsOf(id)));
    }

    @SqlQuery("SELECT f.* FROM generic_files_view f JOIN deletion_requests_generic_files d"
            + " ON d.generic_file_id = f.id WHERE d.deletion_request_id = :id ORDER BY f.identifier, f.id")
    List<GenericFile> filesOf(@Bind("id") long requestId);

    @SqlQuery("SELECT o.* FROM intellectual_objects_view o JOIN deletion_requests_intellectual_objects d"
            + " ON d.intellectual_object_id = o.id WHERE d.deletion_request_id = :id ORDER BY o.identifier, o.id")
    List<IntellectualObject> objectsOf(@Bind("id") long requestId);

    @SqlQuery("SELECT * FROM work_items_view WHERE deletion_request_id = :id ORDER BY id")
    List<WorkItem> workItemsOf(@Bind("id") long requestId);
}
