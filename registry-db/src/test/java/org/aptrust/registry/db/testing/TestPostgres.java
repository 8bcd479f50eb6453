package org.aptrust.registry.db.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.aptrust.registry.db.embedded.EmbeddedPostgresServer;
import org.aptrust.registry.db.fixtures.DatabaseReset;
import org.aptrust.registry.db.fixtures.FixtureFiles;
import org.aptrust.registry.db.migrate.MigrationFiles;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests run against, chosen once per JVM in this order: the server named by
 * REGISTRY_TEST_DB_URL; a Testcontainers PostgreSQL when a Docker engine answers; else an embedded PostgreSQL
 * started in-process. Each test class gets databases of its own on that server: empty ones, or copies of a
 * template that was reset and loaded with the project's fixtures once (CREATE DATABASE ... TEMPLATE is a file
 * copy, so a fresh fixture database costs a fraction of a second).
 */
public final class TestPostgres {

    public static final String URL_VARIABLE = "REGISTRY_TEST_DB_URL";

    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?$");
    private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private static Server server;
    private static String template;
    private static final List<String> CREATED = new ArrayList<>();

    private TestPostgres() {
    }

    /** Where a test database lives and how to reach it. */
    public record Server(String source, String urlPrefix, String urlSuffix, String user, String password) {
        public String url(String database) {
            return urlPrefix + database + urlSuffix;
        }

        public String serverVersion() {
            try (Connection c = connect(url("postgres"), this)) {
                return c.getMetaData().getDatabaseProductVersion();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static synchronized Server server() {
        if (server == null) {
            server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropCreated));
        }
        return server;
    }

    /** A new, empty database. */
    public static TestDatabase emptyDatabase() {
        String name = newName("empty");
        createDatabase(name, null);
        return new TestDatabase(server(), name);
    }

    /** A new database holding the migrated schema and the project's fixture set. */
    public static TestDatabase fixtureDatabase() {
        String tpl = template();
        String name = newName("fx");
        createDatabase(name, tpl);
        return new TestDatabase(server(), name);
    }

    private static synchronized String template() {
        if (template == null) {
            String name = "registry_tpl_" + RUN_ID + "_test";
            createDatabase(name, null);
            TestDatabase db = new TestDatabase(server(), name);
            new DatabaseReset(db.dataSource(), MigrationFiles.fromClasspath(), line -> { })
                    .reset(FixtureFiles.classpath());
            template = name;
        }
        return template;
    }

    private static String newName(String kind) {
        return ("registry_" + kind + "_" + RUN_ID + "_" + COUNTER.incrementAndGet() + "_test").toLowerCase(Locale.ROOT);
    }

    private static void createDatabase(String name, String fromTemplate) {
        Server s = server();
        try (Connection c = connect(s.url("postgres"), s); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + (fromTemplate == null ? "" : " TEMPLATE " + fromTemplate));
            synchronized (CREATED) {
                CREATED.add(name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + s.source() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Drops one test database now (tests that make many can call it). */
    public static void drop(String name) {
        Server s = server();
        try (Connection c = connect(s.url("postgres"), s); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // best effort: an embedded server is thrown away anyway
        }
    }

    private static void dropCreated() {
        if (server == null || server.source().startsWith("embedded")) {
            return;
        }
        List<String> names;
        synchronized (CREATED) {
            names = new ArrayList<>(CREATED);
        }
        if (template != null) {
            names.remove(template);
            names.add(template);
        }
        for (String name : names) {
            drop(name);
        }
    }

    static Connection connect(String url, Server s) throws SQLException {
        Properties p = new Properties();
        if (s.user() != null) {
            p.setProperty("user", s.user());
        }
        if (s.password() != null) {
            p.setProperty("password", s.password());
        }
        return DriverManager.getConnection(url, p);
    }

    private static Server start() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            url = System.getProperty("registry.test.db.url");
        }
        if (url != null && !url.isBlank()) {
            Matcher m = URL.matcher(url);
            if (!m.matches()) {
                throw new IllegalStateException(URL_VARIABLE + " must look like"
                        + " jdbc:postgresql://host:port/db?user=u&password=p, got " + url);
            }
            String query = m.group(3) == null ? "" : m.group(3);
            return new Server("external " + m.group(1), m.group(1), query,
                    System.getenv().getOrDefault("REGISTRY_TEST_DB_USER", null),
                    System.getenv().getOrDefault("REGISTRY_TEST_DB_PASSWORD", null));
        }
        if (dockerAnswers()) {
            PostgreSQLContainer pg = new PostgreSQLContainer("postgres:17");
            pg.start();
            Matcher m = URL.matcher(pg.getJdbcUrl());
            m.matches();
            return new Server("testcontainers " + pg.getJdbcUrl(), m.group(1), "", pg.getUsername(),
                    pg.getPassword());
        }
        EmbeddedPostgresServer embedded = EmbeddedPostgresServer.start(null, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
        return new Server("embedded 127.0.0.1:" + embedded.port(), "jdbc:postgresql://127.0.0.1:"
                + embedded.port() + "/", "", EmbeddedPostgresServer.USER, null);
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }
}
