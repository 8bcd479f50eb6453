package org.aptrust.registry.web.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole application on a migrated fixture database: health checks and the migration tasks over HTTP, and the
 * DAOs it hands to the resources.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class StartupAndHealthTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();

    static final DropwizardAppExtension<RegistryConfiguration> APP = new DropwizardAppExtension<>(
            RegistryApplication.class, ConfigFiles.path("test.yml"),
            ConfigOverride.config("database.url", DB.url()),
            ConfigOverride.config("database.user", DB.user() == null ? "" : DB.user()),
            ConfigOverride.config("database.password", DB.password() == null ? "" : DB.password()));

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private String admin(String path) {
        return "http://127.0.0.1:" + APP.getAdminPort() + path;
    }

    @Test
    void healthChecksReportDatabaseAndMigrationsHealthy() {
        Response r = APP.client().target(admin("/healthcheck")).request().get();
        Map<String, Map<String, Object>> body = r.readEntity(new GenericType<>() { });
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(body.get("database").get("healthy")).isEqualTo(true);
        assertThat(body.get("migrations").get("healthy")).isEqualTo(true);
        assertThat(body.get("migrations").get("message").toString()).contains("migrations applied");
    }

    @Test
    void migrationStatusTaskListsEveryFile() {
        String text = APP.client().target(admin("/tasks/migration-status")).request()
                .post(Entity.text("")).readEntity(String.class);
        assertThat(text).contains("000_initial_schema").contains("012_posix_metadata").contains("applied");
        assertThat(text).doesNotContain("pending");
    }

    @Test
    void migrateTaskDryRunSaysNothingToApply() {
        String text = APP.client().target(admin("/tasks/migrate?dry-run=true")).request()
                .post(Entity.text("")).readEntity(String.class);
        assertThat(text).contains("nothing to apply");
        String real = APP.client().target(admin("/tasks/migrate")).request()
                .post(Entity.text("")).readEntity(String.class);
        assertThat(real).contains("schema is up to date").contains("applied 0 migration(s)");
    }

    @Test
    void daosReadThroughTheApplicationsJdbiAndAreTimed() {
        RegistryApplication app = APP.getApplication();
        ListQuery active = ListQuery.parse(Lists.OBJECTS, Map.of("state", List.of("A")), Scope.institution(2),
                Set.of());
        assertThat(app.lists().objects().list(active).total()).isEqualTo(5);
        assertThat(app.daos().files().detail(4).orElseThrow().checksums()).hasSize(4);
        // Lists bypass Jdbi's on-demand proxies but keep their timer, named by the DAO method, never by SQL text.
        var timers = APP.getEnvironment().metrics().getTimers();
        assertThat(timers.get("org.aptrust.registry.db.dao.IntellectualObjectDao.list").getCount()).isPositive();
        assertThat(timers.keySet()).anyMatch(name -> name.startsWith("org.aptrust.registry.db.dao.GenericFileDao."));
        assertThat(timers.keySet()).noneMatch(name -> name.contains("SELECT") || name.contains("select"));
    }

    /**
     * Statements name the DAO method they come from in a comment, and the engine that adds it is a parsing one, so
     * Jdbi parses each SQL text once instead of for every statement.
     */
    @Test
    void statementsNameTheirDaoMethodAndAreParsedOnce() {
        RegistryApplication app = APP.getApplication();
        assertThat(app.jdbi().getConfig(SqlStatements.class).getTemplateEngine())
                .isInstanceOf(TemplateEngine.Parsing.class);
        List<String> sql = new java.util.concurrent.CopyOnWriteArrayList<>();
        app.jdbi().getConfig(SqlStatements.class).addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(java.sql.PreparedStatement stmt, StatementContext ctx) {
                sql.add(ctx.getRenderedSql());
            }
        });
        app.lists().objects().list(ListQuery.of(Scope.institution(2)));
        app.daos().objects().find(1);
        assertThat(sql).anyMatch(s -> s.startsWith("/* IntellectualObjectDao.list */ SELECT \"id\""))
                .anyMatch(s -> s.startsWith("/* IntellectualObjectDao.list */ SELECT * FROM intellectual_objects_view"))
                .anyMatch(s -> s.startsWith("/* IntellectualObjectDao.find */ SELECT"));
    }

    /**
     * The pool hands out plain driver statements: its statement facade put a reflection proxy in front of every
     * result set call, which was 43 % of the service's CPU under the API benchmark.
     */
    @Test
    void statementsAndResultSetsAreTheDriversOwn() throws Exception {
        try (var h = APP.<RegistryApplication>getApplication().jdbi().open();
             var statement = h.getConnection().prepareStatement("SELECT 1");
             var rows = statement.executeQuery()) {
            assertThat(Proxy.isProxyClass(statement.getClass())).isFalse();
            assertThat(Proxy.isProxyClass(rows.getClass())).isFalse();
            assertThat(statement).isInstanceOf(org.postgresql.PGStatement.class);
        }
    }
}
