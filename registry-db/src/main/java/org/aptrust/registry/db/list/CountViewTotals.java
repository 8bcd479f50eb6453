package org.aptrust.registry.db.list;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/**
 * The original's strategy: when every condition is an equality on a dimension of the list's CUBE count view, read
 * the count from that view (adding "dimension IS NULL" for the dimensions not given, which picks the CUBE's total
 * row; a missing row means 0). Otherwise count exactly, in the base table when the conditions allow.
 */
public class CountViewTotals implements TotalsStrategy {

    @Override
    public Total total(Handle handle, ListSpec spec, SqlWhere where) {
        Optional<Long> fromView = fromCountView(handle, spec, where.conditions());
        if (fromView.isPresent()) {
            return Total.exact(fromView.get());
        }
        return Total.exact(ListEngine.plannedForTheirValues(handle.createQuery("SELECT count(*) FROM "
                        + spec.relationFor(where.columns()) + where.clause())).bindMap(where.params())
                .mapTo(Long.class).one());
    }

    static Optional<Long> fromCountView(Handle handle, ListSpec spec, List<Filter> conditions) {
        CountView view = spec.countView();
        if (view == null) {
            return Optional.empty();
        }
        Map<String, Object> values = new HashMap<>();
        for (Filter f : conditions) {
            if (f.op() != Op.EQ || !view.dimensions().contains(f.column()) || values.containsKey(f.column())) {
                return Optional.empty();
            }
            values.put(f.column(), f.value());
        }
        StringBuilder sql = new StringBuilder("SELECT row_count FROM ").append(view.name()).append(" WHERE ");
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < view.dimensions().size(); i++) {
            String d = view.dimensions().get(i);
            if (i > 0) {
                sql.append(" AND ");
            }
            if (values.containsKey(d)) {
                sql.append(ListEngine.quote(d)).append(" = :d").append(i);
                params.put("d" + i, values.get(d));
            } else {
                sql.append(ListEngine.quote(d)).append(" IS NULL");
            }
        }
        return Optional.of(handle.createQuery(sql.toString()).bindMap(params).mapTo(Long.class).findOne().orElse(0L));
    }
}
