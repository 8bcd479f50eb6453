package org.aptrust.registry.db.dao;

import java.util.List;
import java.util.Optional;

import org.aptrust.registry.db.model.FileFormatTotal;
import org.aptrust.registry.db.model.IntellectualObject;
import org.aptrust.registry.db.model.ObjectDetail;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Reads intellectual_objects_view, and what an object's page shows about it. */
@RegisterConstructorMapper(IntellectualObject.class)
@RegisterConstructorMapper(FileFormatTotal.class)
public interface IntellectualObjectDao {

    @SqlQuery("SELECT * FROM intellectual_objects_view WHERE id = :id")
    Optional<IntellectualObject> find(@Bind("id") int id);

    /** By the object's identifier (institution.edu/bag_name). */
    @SqlQuery("SELECT * FROM intellectual_objects_view WHERE identifier = :identifier")
    Optional<IntellectualObject> findByIdentifier(@Bind("identifier") String identifier);

    /** The object with its format breakdown and pending-work flag, from one snapshot. */
    @Transaction(value = TransactionIsolationLevel.REPEATABLE_READ, readOnly = true)
    default Optional<ObjectDetail> detail(int id) {
        return find(id).map(o -> {
            List<FileFormatTotal> formats = formatsOf(id);
            long files = formats.stream().mapToLong(FileFormatTotal::fileCount).sum();
            long bytes = formats.stream().mapToLong(FileFormatTotal::totalBytes).sum();
            return new ObjectDetail(o, formats, new FileFormatTotal(null, files, bytes), hasPendingWorkItems(id));
        });
    }

    /** Active files by format: count and bytes, largest total first. */
    @SqlQuery("SELECT file_format, count(*) AS file_count, coalesce(sum(size), 0) AS total_bytes"
            + " FROM generic_files WHERE intellectual_object_id = :id AND state = 'A'"
            + " GROUP BY file_format ORDER BY total_bytes DESC, file_format")
    List<FileFormatTotal> formatsOf(@Bind("id") int objectId);

    /** "This object has work in progress" ({@link ObjectWork}). */
    @SqlQuery("SELECT EXISTS (SELECT 1" + ObjectWork.OPEN + ")")
    boolean hasPendingWorkItems(@Bind("id") int objectId);
}
