package org.aptrust.registry.db.list;

import java.util.List;

/** One parsed, typed filter condition: column, op and values already converted to the column's type. */
public record Filter(String column, Op op, List<Object> values) {
    public Filter {
        values = List.copyOf(values);
    }

    public Object value() {
        return values.isEmpty() ? null : values.get(0);
    }
}
