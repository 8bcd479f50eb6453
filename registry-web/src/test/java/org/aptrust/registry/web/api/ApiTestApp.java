package org.aptrust.registry.web.api;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.web.app.ConfigFiles;
import org.aptrust.registry.web.app.RegistryApplication;
import org.aptrust.registry.web.app.RegistryConfiguration;

/** The whole application on a test database, as the API tests start it, plus SQL helpers to check and arrange. */
final class ApiTestApp {

    private ApiTestApp() {
    }

    static DropwizardAppExtension<RegistryConfiguration> on(TestDatabase db, ConfigOverride... extra) {
        ConfigOverride[] base = {
            ConfigOverride.config("database.url", db.url()),
            ConfigOverride.config("database.user", db.user() == null ? "" : db.user()),
            ConfigOverride.config("database.password", db.password() == null ? "" : db.password())};
        return new DropwizardAppExtension<>(RegistryApplication.class, ConfigFiles.path("test.yml"),
                Stream.concat(Stream.of(base), Stream.of(extra)).toArray(ConfigOverride[]::new));
    }

    /** Runs statements (arranging a case). */
    static void execute(TestDatabase db, String... sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The first column of the first row of a query, as text (null when no row). */
    static String value(TestDatabase db, String sql) {
        List<String> all = column(db, sql);
        return all.isEmpty() ? null : all.get(0);
    }

    static long count(TestDatabase db, String sql) {
        return Long.parseLong(value(db, sql));
    }

    /** The first column of every row of a query, as text. */
    static List<String> column(TestDatabase db, String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** A view's or table's column names in order: what the JSON field names must be. */
    static Set<String> columnsOf(TestDatabase db, String relation) {
        return new LinkedHashSet<>(column(db, "SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = '" + relation + "' ORDER BY ordinal_position"));
    }
}
