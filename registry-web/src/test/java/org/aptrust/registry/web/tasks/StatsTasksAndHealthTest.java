package org.aptrust.registry.web.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.db.stats.CellTotals;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.ConfigFiles;
import org.aptrust.registry.web.app.RegistryApplication;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole application with its scheduler on: the stats tasks, health checks and metrics over HTTP. */
@ExtendWith(DropwizardExtensionsSupport.class)
class StatsTasksAndHealthTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();

    static final DropwizardAppExtension<RegistryConfiguration> APP = new DropwizardAppExtension<>(
            RegistryApplication.class, ConfigFiles.path("test.yml"),
            ConfigOverride.config("database.url", DB.url()),
            ConfigOverride.config("database.user", DB.user() == null ? "" : DB.user()),
            ConfigOverride.config("database.password", DB.password() == null ? "" : DB.password()),
            ConfigOverride.config("scheduler.enabled", "true"),
            ConfigOverride.config("scheduler.counts.interval", "2s"));

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private Response post(String path) {
        return APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + path).request().post(Entity.text(""));
    }

    @Test
    void refreshStatsRunsWhatIsAskedAndSaysWhatRanAndHowLong() {
        Response r = post("/tasks/refresh-stats?job=all&force=true");
        String text = r.readEntity(String.class);
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(text).containsPattern("counts: ran in \\d+ ms \\(rebuilt the count cells")
                .containsPattern("current: ran in \\d+ ms")
                .containsPattern("historical: ran in \\d+ ms \\(rebuilt the history")
                .containsPattern("empty: skipped in \\d+ ms \\(not due")
                .containsPattern("total \\d+ ms");
        String again = post("/tasks/refresh-stats?job=historical").readEntity(String.class);
        assertThat(again).contains("historical: skipped").contains("not due: every month");
    }

    @Test
    void badParametersAre400sThatSayWhatIsAllowed() {
        Response unknown = post("/tasks/refresh-stats?job=everything");
        assertThat(unknown.getStatus()).isEqualTo(400);
        assertThat(unknown.readEntity(String.class))
                .contains("unknown job 'everything'. Allowed: counts, current, historical, empty, all");
        Response missing = post("/tasks/refresh-stats");
        assertThat(missing.getStatus()).isEqualTo(400);
        assertThat(missing.readEntity(String.class)).contains("job=counts|current|historical|empty|all");
        Response force = post("/tasks/refresh-stats?job=counts&force=maybe");
        assertThat(force.getStatus()).isEqualTo(400);
        assertThat(force.readEntity(String.class)).contains("force must be true or false");
    }

    @Test
    void schedulerStatusListsEveryJobWithItsLastAndNextRun() {
        post("/tasks/refresh-stats?job=counts");
        String text = post("/tasks/scheduler-status").readEntity(String.class);
        assertThat(text).contains("scheduler on").contains("thread alive");
        assertThat(text).containsPattern("counts\\s+every 2 s, next run \\d{4}-")
                .containsPattern("current\\s+every 1 h")
                .containsPattern("historical\\s+every 24 h")
                .containsPattern("empty\\s+once at start");
        assertThat(text).containsPattern("counts .*last run \\d{4}-.* (ran|skipped) in \\d+ ms by \\d+@");
    }

    @Test
    void theStatsHealthCheckTurnsRedWhenAJobHasNotSucceededForTwoIntervals() throws Exception {
        try (var c = DB.connect(); var st = c.createStatement()) {
            st.execute("INSERT INTO stats_job_runs (job, last_started_at, last_outcome, last_error, last_success_at)"
                    + " VALUES ('historical', now() - interval '1 day', 'failed', 'disk full',"
                    + " now() - interval '3 days') ON CONFLICT (job) DO UPDATE SET last_outcome = 'failed',"
                    + " last_error = 'disk full', last_success_at = now() - interval '3 days'");
            try {
                Response r = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck").request()
                        .get();
                Map<String, Map<String, Object>> body = r.readEntity(new GenericType<>() { });
                assertThat(r.getStatus()).isEqualTo(500);
                assertThat(body.get("stats").get("healthy")).isEqualTo(false);
                assertThat(body.get("stats").get("message").toString()).contains("historical last succeeded")
                        .contains("disk full");
            } finally {
                st.execute("UPDATE stats_job_runs SET last_success_at = now() AT TIME ZONE 'UTC', last_error = NULL"
                        + " WHERE job = 'historical'");
            }
        }
    }

    @Test
    void healthChecksAndMetricsReportTheJobs() {
        Response r = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck").request().get();
        Map<String, Map<String, Object>> body = r.readEntity(new GenericType<>() { });
        assertThat(body.get("stats").get("healthy")).as(body.toString()).isEqualTo(true);
        assertThat(body.get("scheduler").get("healthy")).as(body.toString()).isEqualTo(true);
        String metrics = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/metrics").request()
                .get(String.class);
        assertThat(metrics).contains("org.aptrust.registry.web.jobs.StatsScheduler.counts");
        RegistryApplication app = APP.getApplication();
        assertThat(app.lists().objects().totals()).isInstanceOf(CellTotals.class);
    }
}
