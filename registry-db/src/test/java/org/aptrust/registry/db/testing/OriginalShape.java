package org.aptrust.registry.db.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.aptrust.registry.db.migrate.SqlStatements;

/**
 * Builds a database the way the original Registry's team does (its schema.sql, then 007-012): the catalog from
 * the test resource {@code original-shape/schema.sql} (made by bench/adopt/make-original-shape.sh and checked
 * against the original's facts by OriginalShapeAdoptionTest), with no rows at all, not even in schema_migrations.
 */
public final class OriginalShape {

    private OriginalShape() {
    }

    public static void build(Connection c) throws SQLException, IOException {
        String sql;
        try (InputStream in = OriginalShape.class.getResourceAsStream("/original-shape/schema.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Statement st = c.createStatement()) {
            for (SqlStatements.Statement s : SqlStatements.split(sql)) {
                st.execute(s.sql());
            }
            st.execute("SET search_path TO public"); // the dump empties it
        }
    }
}
