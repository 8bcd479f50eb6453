package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.aptrust.registry.db.dao.IntellectualObjectWrites;
import org.jdbi.v3.core.mapper.Nested;

/**
 * One row of intellectual_objects_view: an object (bag) with its institution and the counts and sizes of its
 * active files (payload = files under data/). The view's first columns are the ones a client writes, read into the
 * write record itself ({@link IntellectualObjectWrites.ObjectValues}: Jdbi's {@code @Nested}) and written out in
 * its place in JSON ({@code @JsonUnwrapped}), so the keys keep the view's order.
 */
public record IntellectualObject(
        @Nested @JsonUnwrapped IntellectualObjectWrites.ObjectValues values,
        LocalDateTime createdAt,
        LocalDateTime updatedAt,
        String institutionName,
        String institutionIdentifier,
        String institutionType,
        Integer institutionParentId,
        long fileCount,
        long size,
        long payloadFileCount,
        long payloadSize) {

    /** The object's id (a stored row always has one). */
    public int id() {
        return values.id().intValue();
    }
}
