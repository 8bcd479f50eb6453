package org.aptrust.registry.db.dao;

import java.util.List;

import org.aptrust.registry.db.list.ListEngine;
import org.aptrust.registry.db.list.Page;
import org.aptrust.registry.db.model.GenericFile;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The object page's file search: one object's files in one state, matched by a part of the identifier or by an
 * exact checksum digest (the original's {@code file_filter}); without a search the page lists the object's files
 * through the list engine. The digest test looks only at this object's files' checksums (through the
 * generic_file_id index), so it stays cheap on a checksums table of any size. The matches are read first (a
 * materialized CTE, through the object's index) and sorted, so no plan walks the identifier index of the whole
 * table looking for a large object's files (issue 20); the view's rows are read for the page only.
 */
@RegisterConstructorMapper(GenericFile.class)
public interface ObjectFilesDao {

    /**
     * The object's files that match. The digest is looked up per file, through the generic_file_id index, by a
     * LATERAL subquery with a LIMIT: written as {@code EXISTS}, PostgreSQL may turn it into a hashed subplan that
     * reads every checksum with that digest, which with no digest index is the whole table (2.8 s at M).
     */
    String MATCH = " FROM generic_files f"
            + " LEFT JOIN LATERAL (SELECT true AS hit FROM checksums c"
            + " WHERE :q <> '' AND c.generic_file_id = f.id AND c.digest = :q LIMIT 1) d ON true"
            + " WHERE f.intellectual_object_id = :objectId AND f.state = :state"
            + " AND (:q = '' OR f.identifier ILIKE :pattern ESCAPE '!' OR d.hit)";

    /** A page of matches, read first and sorted, then joined to the view. */
    String PAGE = "WITH matches AS MATERIALIZED (SELECT f.id, f.identifier" + MATCH + "),"
            + " page AS (SELECT id, identifier FROM matches ORDER BY identifier, id LIMIT :limit OFFSET :offset)"
            + " SELECT v.* FROM page JOIN generic_files_view v ON v.id = page.id ORDER BY page.identifier, page.id";

    @SqlQuery(PAGE)
    List<GenericFile> filesMatching(@Bind("objectId") int objectId, @Bind("state") String state,
                                    @Bind("q") String q, @Bind("pattern") String pattern,
                                    @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT count(*)" + MATCH)
    long countMatching(@Bind("objectId") int objectId, @Bind("state") String state, @Bind("q") String q,
                       @Bind("pattern") String pattern);

    /**
     * @param search a part of the file identifier or a whole digest; blank for every file
     */
    default Page<GenericFile> files(int objectId, String state, String search, int page, int perPage) {
        String q = search == null ? "" : search.strip();
        String pattern = "%" + ListEngine.escapeLike(q) + "%"; // ESCAPE '!' as ListEngine.LIKE_ESCAPE
        long offset = (long) (page - 1) * perPage;
        List<GenericFile> rows = filesMatching(objectId, state, q, pattern, perPage, offset);
        long total = rows.size() < perPage && (page == 1 || !rows.isEmpty())
                ? offset + rows.size() : countMatching(objectId, state, q, pattern);
        return new Page<>(rows, total, true, page, perPage);
    }
}
