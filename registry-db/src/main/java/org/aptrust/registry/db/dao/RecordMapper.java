package org.aptrust.registry.db.dao;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps rows to a record by column name (Jdbi's ConstructorMapper), remembering the column-to-parameter matching
 * for the last result shape it saw. ConstructorMapper works that matching out afresh for every statement, by
 * reflection over the record; for a list page that costs more than reading the twenty rows, and a list's shape
 * never changes.
 */
public final class RecordMapper<T> implements RowMapper<T> {

    private record Specialized<T>(List<String> columns, RowMapper<T> mapper) {
    }

    private final RowMapper<T> delegate;
    private volatile Specialized<T> last;

    private RecordMapper(Class<T> type) {
        this.delegate = ConstructorMapper.of(type);
    }

    public static <T> RecordMapper<T> of(Class<T> type) {
        return new RecordMapper<>(type);
    }

    @Override
    public T map(ResultSet rs, StatementContext ctx) throws SQLException {
        return specialize(rs, ctx).map(rs, ctx);
    }

    @Override
    public RowMapper<T> specialize(ResultSet rs, StatementContext ctx) throws SQLException {
        List<String> columns = columns(rs.getMetaData());
        Specialized<T> s = last;
        if (s == null || !s.columns().equals(columns)) {
            s = new Specialized<>(columns, delegate.specialize(rs, ctx));
            last = s;
        }
        return s.mapper();
    }

    private static List<String> columns(ResultSetMetaData md) throws SQLException {
        List<String> names = new ArrayList<>(md.getColumnCount());
        for (int i = 1; i <= md.getColumnCount(); i++) {
            names.add(md.getColumnLabel(i));
        }
        return names;
    }
}
