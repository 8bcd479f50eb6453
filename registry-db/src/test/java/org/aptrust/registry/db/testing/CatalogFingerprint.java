package org.aptrust.registry.db.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A description of everything in the current schema that a migration can change: tables and their columns (types,
 * nullability, defaults), indexes, constraints, views and materialized views with their definitions, functions with
 * their source, triggers and sequences. Two databases with equal fingerprints have the same schema.
 */
public final class CatalogFingerprint {

    private static final String[] QUERIES = {
        "SELECT 'column', table_name, column_name, data_type, udt_name, character_maximum_length,"
            + " numeric_precision, numeric_scale, is_nullable, column_default"
            + " FROM information_schema.columns WHERE table_schema = current_schema()",
        "SELECT 'index', tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()",
        "SELECT 'constraint', conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid)"
            + " FROM pg_constraint WHERE connamespace = current_schema()::regnamespace",
        "SELECT 'view', viewname, definition FROM pg_views WHERE schemaname = current_schema()",
        "SELECT 'matview', matviewname, definition FROM pg_matviews WHERE schemaname = current_schema()",
        "SELECT 'function', p.proname, pg_get_function_identity_arguments(p.oid), pg_get_functiondef(p.oid)"
            + " FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace AND p.prokind = 'f'",
        "SELECT 'trigger', tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger"
            + " WHERE NOT tgisinternal AND tgrelid IN (SELECT oid FROM pg_class"
            + " WHERE relnamespace = current_schema()::regnamespace)",
        "SELECT 'relation', relname, relkind FROM pg_class WHERE relnamespace = current_schema()::regnamespace"
    };

    private CatalogFingerprint() {
    }

    /** The sorted lines of the fingerprint; compare two with assertThat(a).isEqualTo(b) for a readable diff. */
    public static List<String> of(Connection c) throws SQLException {
        TreeSet<String> lines = new TreeSet<>();
        try (Statement st = c.createStatement()) {
            for (String q : QUERIES) {
                try (ResultSet rs = st.executeQuery(q)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder sb = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            if (i > 1) {
                                sb.append(" | ");
                            }
                            sb.append(rs.getString(i));
                        }
                        lines.add(sb.toString());
                    }
                }
            }
        }
        return new ArrayList<>(lines);
    }
}
