package org.aptrust.registry.db.list;

import java.util.List;
import java.util.Map;

/**
 * The WHERE clause the engine built for a query (scope included), with its named parameters. Totals strategies
 * receive it so they count exactly the rows the page shows.
 */
public record SqlWhere(String sql, Map<String, Object> params, List<Filter> conditions) {
    public SqlWhere {
        params = Map.copyOf(params);
        conditions = List.copyOf(conditions);
    }

    /** The columns the conditions touch. */
    public List<String> columns() {
        return conditions.stream().map(Filter::column).distinct().toList();
    }

    public String clause() {
        return sql.isEmpty() ? "" : " WHERE " + sql;
    }
}
