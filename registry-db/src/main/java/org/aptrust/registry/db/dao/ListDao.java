package org.aptrust.registry.db.dao;

import java.util.function.Consumer;

import org.aptrust.registry.db.list.ListEngine;
import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.ListSpec;
import org.aptrust.registry.db.list.Page;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * What every resource DAO does with its list: a page with its total, or every row in list order for a CSV
 * download. Each DAO names its whitelist ({@link org.aptrust.registry.db.list.Lists}) and its row mapper.
 *
 * @param <T> the row record
 */
public interface ListDao<T> extends SqlObject {

    /** The list's whitelist. */
    ListSpec listSpec();

    RowMapper<T> rowMapper();

    /** One page of the list and its total; the query's scope is applied by the engine. */
    default Page<T> list(ListQuery query) {
        return ListEngine.list(getHandle(), listSpec(), query, rowMapper());
    }

    /**
     * Every matching row in list order, at most cap rows, without a total; returns how many were sent. Runs in a
     * read-only transaction, which lets the driver fetch the rows in batches instead of all at once.
     */
    @Transaction(readOnly = true)
    default int stream(ListQuery query, int cap, Consumer<T> sink) {
        return ListEngine.stream(getHandle(), listSpec(), query, rowMapper(), cap, sink);
    }
}
