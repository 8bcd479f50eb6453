package org.aptrust.registry.web.pages;

import java.util.function.Consumer;

import org.aptrust.registry.db.dao.ListDao;
import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.Page;

/** Where a list page's rows come from: a DAO's page and stream over the list engine. */
public interface ListSource<T> {

    Page<T> page(ListQuery query);

    /** Streams every row of the query in list order, at most {@code cap}; returns how many. */
    int stream(ListQuery query, int cap, Consumer<T> sink);

    /** A list DAO's page and stream. */
    static <T> ListSource<T> of(ListDao<T> dao) {
        return new ListSource<>() {
            @Override
            public Page<T> page(ListQuery query) {
                return dao.list(query);
            }

            @Override
            public int stream(ListQuery query, int cap, Consumer<T> sink) {
                return dao.stream(query, cap, sink);
            }
        };
    }
}
