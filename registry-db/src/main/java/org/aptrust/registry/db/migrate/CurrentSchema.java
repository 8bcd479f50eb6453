package org.aptrust.registry.db.migrate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The schema as the migrations leave it, written out as SQL from the database's catalog: every table with its
 * columns, every index, constraint, view, materialized view, function, procedure and trigger, each in its current
 * definition, sorted by name. It is the one place to read what is there now (the migrations say how it came to be);
 * {@code migrations/current/schema.sql} holds it, {@code db schema} prints it and CurrentSchemaTest keeps the file
 * true. Definitions are PostgreSQL's own rendering ({@code pg_get_viewdef} and friends), so the text depends on the
 * server's major version; the file names the version it was written on.
 */
public final class CurrentSchema {

    /** Where the file lives, relative to the project's top folder. */
    public static final String FILE = "migrations/current/schema.sql";

    private CurrentSchema() {
    }

    public static String of(Connection c) throws SQLException {
        StringBuilder out = new StringBuilder();
        String version = one(c, "SELECT current_setting('server_version_num')::int / 10000");
        String latest = one(c, "SELECT coalesce(max(version), 'none') FROM schema_migrations");
        out.append("-- The Registry's schema as the migrations leave it, up to ").append(latest).append(".\n")
                .append("-- Generated from a migrated database on PostgreSQL ").append(version)
                .append(" (`db schema`); CurrentSchemaTest keeps it true.\n")
                .append("-- Read it to see what is there now; change it only through a new migration file.\n");

        section(out, "Tables");
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT c.relname,
                       string_agg(format('    %I %s%s%s', a.attname, format_type(a.atttypid, a.atttypmod),
                                         CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END,
                                         coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')),
                                  E',\\n' ORDER BY a.attnum)
                FROM pg_class c
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
                WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
                GROUP BY c.relname ORDER BY c.relname""")) {
            while (rs.next()) {
                out.append("\nCREATE TABLE ").append(rs.getString(1)).append(" (\n").append(rs.getString(2))
                        .append("\n);\n");
            }
        }

        section(out, "Constraints");
        lines(c, out, """
                SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s;', conrelid::regclass, conname,
                              pg_get_constraintdef(oid))
                FROM pg_constraint
                WHERE connamespace = current_schema()::regnamespace AND contype <> 'n'
                ORDER BY conrelid::regclass::text, conname""");

        section(out, "Indexes (the constraints' own indexes are left out)");
        lines(c, out, """
                SELECT pg_get_indexdef(i.indexrelid) || ';'
                FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid
                WHERE t.relnamespace = current_schema()::regnamespace
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                ORDER BY t.relname, x.relname""");

        section(out, "Views (columns in order: the original's first, ours after)");
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT c.relname, c.relkind, pg_get_viewdef(c.oid, true)
                FROM pg_class c
                WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('v', 'm')
                ORDER BY c.relkind DESC, c.relname""")) {
            while (rs.next()) {
                out.append("\nCREATE ").append("m".equals(rs.getString(2)) ? "MATERIALIZED VIEW " : "VIEW ")
                        .append(rs.getString(1)).append(" AS\n").append(rs.getString(3).stripTrailing());
                if (!rs.getString(3).stripTrailing().endsWith(";")) {
                    out.append(';');
                }
                out.append('\n');
            }
        }

        section(out, "Functions and procedures");
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT pg_get_functiondef(p.oid)
                FROM pg_proc p
                WHERE p.pronamespace = current_schema()::regnamespace AND p.prokind IN ('f', 'p')
                ORDER BY p.proname, pg_get_function_identity_arguments(p.oid)""")) {
            while (rs.next()) {
                out.append('\n').append(rs.getString(1).stripTrailing()).append(";\n");
            }
        }

        section(out, "Triggers");
        lines(c, out, """
                SELECT pg_get_triggerdef(t.oid) || ';'
                FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace
                ORDER BY c.relname, t.tgname""");
        return out.toString();
    }

    private static void section(StringBuilder out, String title) {
        out.append("\n-- ").append("-".repeat(100)).append("\n-- ").append(title).append("\n-- ")
                .append("-".repeat(100)).append('\n');
    }

    private static void lines(Connection c, StringBuilder out, String sql) throws SQLException {
        out.append('\n');
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.append(rs.getString(1)).append('\n');
            }
        }
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
