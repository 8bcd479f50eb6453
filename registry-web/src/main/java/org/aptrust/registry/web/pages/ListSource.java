package org.aptrust.registry.web.pages;

import java.util.function.Consumer;

import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.Page;

/** Where a list page's rows come from: a DAO's page and stream over the list engine. */
public interface ListSource<T> {

    Page<T> page(ListQuery query);

    /** Streams every row of the query in list order, at most {@code cap}; returns how many. */
    int stream(ListQuery query, int cap, Consumer<T> sink);
}
