package org.aptrust.registry.db.list;

import org.jdbi.v3.core.Handle;

/** How a list's total is found. One interface so a faster strategy can replace the default without callers knowing. */
public interface TotalsStrategy {

    Total total(Handle handle, ListSpec spec, SqlWhere where);
}
