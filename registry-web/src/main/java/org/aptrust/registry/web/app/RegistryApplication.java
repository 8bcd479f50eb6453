package org.aptrust.registry.web.app;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.EnumSet;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import org.aptrust.registry.api.ApiModule;
import org.aptrust.registry.api.queue.WorkQueue;
import org.aptrust.registry.db.dao.Daos;
import org.aptrust.registry.db.dao.ListReaders;
import org.aptrust.registry.db.fixtures.DisposableDatabase;
import org.aptrust.registry.db.fixtures.FixtureFiles;
import jakarta.servlet.DispatcherType;
import org.aptrust.registry.db.migrate.MigrationRunner;
import org.aptrust.registry.db.stats.CellTotals;
import org.aptrust.registry.db.stats.StatsRefresher;
import org.aptrust.registry.web.auth.Authentication;
import org.aptrust.registry.web.auth.WebAuth;
import org.aptrust.registry.web.cli.DbCommand;
import org.aptrust.registry.web.cluster.ReplicaRouting;
import org.aptrust.registry.web.health.MailHealthCheck;
import org.aptrust.registry.web.health.MigrationsHealthCheck;
import org.aptrust.registry.web.pages.Internals;
import org.aptrust.registry.web.auth.LoggingSmsSender;
import org.aptrust.registry.web.auth.SmsSender;
import org.aptrust.registry.web.pages.WebModule;
import org.aptrust.registry.web.health.SchedulerHealthCheck;
import org.aptrust.registry.web.health.StatsHealthCheck;
import org.aptrust.registry.web.jobs.StatsScheduler;
import org.aptrust.registry.web.mail.AccountMessages;
import org.aptrust.registry.web.mail.AlertHtml;
import org.aptrust.registry.web.pages.WorkItemPages;
import org.aptrust.registry.web.workflows.WorkItemCompletions;
import org.aptrust.registry.api.redis.WorkItemStates;
import org.aptrust.registry.web.mail.MailTemplates;
import org.aptrust.registry.web.mail.OutboxSender;
import org.aptrust.registry.web.maintenance.MaintenanceFilter;
import org.aptrust.registry.web.maintenance.MaintenanceMode;
import org.aptrust.registry.web.tasks.MaintenanceTask;
import org.aptrust.registry.web.tasks.MigrateTask;
import org.aptrust.registry.web.tasks.MigrationStatusTask;
import org.aptrust.registry.web.tasks.RefreshStatsTask;
import org.aptrust.registry.web.tasks.SchedulerStatusTask;
import org.aptrust.registry.web.tasks.TaskParameterFilter;
import org.aptrust.registry.web.workflows.DeletionWorkflow;
import org.aptrust.registry.web.workflows.RestorationSpotTests;
import org.eclipse.jetty.server.Server;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Assembles the service: database, migrations, API, web pages, jobs, tasks and health checks. Wiring only. */
public class RegistryApplication extends Application<RegistryConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryApplication.class);

    private RegistryDatabase database;
    private Jdbi jdbi;
    private Daos daos;
    private ListReaders lists;
    private DatabaseFaults faults;

    public static void main(String[] args) throws Exception {
        new RegistryApplication().run(args);
    }

    @Override
    public String getName() {
        return "registry";
    }

    @Override
    public void initialize(Bootstrap<RegistryConfiguration> bootstrap) {
        // ${VAR:-default} in the YAML files; unset variables without a default are an error.
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addCommand(new DbCommand());
    }

    @Override
    public void run(RegistryConfiguration config, Environment environment) {
        config.getWeb().sessionKeys(); // no session key, no start: checked before the database is touched
        RegistryDatabaseFactory dbConfig = config.getDatabase();
        RegistryDatabase db = dbConfig.open();
        this.database = db;
        environment.lifecycle().manage(db);
        config.getApi().checkTestRoutes(db.isEmbedded() ? null : DisposableDatabase.problem(db.jdbcUrl()));
        boolean demoLoaded;
        try {
            demoLoaded = DatabaseStartup.prepare(db, dbConfig, LOG::info);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }

        // JdbiFactory times every SQL-object method (metrics) and registers the "database" health check.
        DataSourceFactory pool = dbConfig.poolFor(db);
        pool.setAutoCommentsEnabled(false); // SqlComments instead: the same comments, SQL parsed once per text
        ManagedDataSource dataSource = RegistryDatabaseFactory.withoutStatementProxies(
                pool.build(environment.metrics(), "database"));
        jdbi = Daos.configure(new JdbiFactory(new StatementNames()).build(environment, pool, dataSource, "database"));
        jdbi.setTemplateEngine(new SqlComments());
        // A lost database: pool emptied at once, reads retried once, a bounded health check, the embedded watchdog.
        faults = new DatabaseFaults(db, dataSource);
        environment.jersey().register(new org.glassfish.jersey.internal.inject.AbstractBinder() {
            @Override
            protected void configure() {
                bind(faults.retryingReads()).to(
                        org.glassfish.jersey.server.spi.internal.ResourceMethodInvocationHandlerProvider.class);
            }
        });
        environment.healthChecks().unregister("database");
        environment.healthChecks().register("database", faults.healthCheck(dbConfig.healthCheckTimeout()));
        environment.lifecycle().manage(faults.watchdog(environment.lifecycle()
                .scheduledExecutorService("embedded-postgres-watchdog-%d", true)
                .shutdownTime(io.dropwizard.util.Duration.seconds(30)).build(), dbConfig.watchdogInterval()));
        // Reads on replicas (database.replicas): the read DAOs' Jdbi; the primary's when none is configured.
        ReplicaRouting replicas = ReplicaRouting.install(environment, dbConfig, db, dataSource, jdbi,
                ds -> readJdbi(environment, ds), config.getWeb().isSecureCookies());
        daos = Daos.onDemand(replicas.reads(), jdbi);
        // Every list (API, pages, CSV downloads): one reader each, on the reads Jdbi, with totals from the count cells.
        lists = ListReaders.on(replicas.reads(), new CellTotals());
        // Work items: saved with the alerts their completion sets off; the workers' state in Redis, if configured.
        MailTemplates templates = new MailTemplates();
        WorkItemStates itemStates = WorkItemStates.of(config.getApi().redis());
        environment.lifecycle().manage(new io.dropwizard.lifecycle.Managed() {
            @Override
            public void stop() {
                itemStates.close();
            }
        });
        ApiModule.Shared api = ApiModule.register(environment, jdbi, daos, lists, config.getApi(),
                new WorkItemCompletions(jdbi, templates, config.getApi().publicUrl()), itemStates);
        WorkQueue queue = api.queue();

        MigrationRunner runner = DatabaseStartup.runner(db, dbConfig, LOG::info);
        environment.healthChecks().register("migrations", new MigrationsHealthCheck(runner));
        MigrateTask migrate = new MigrateTask(db, dbConfig);
        MigrationStatusTask migrationStatus = new MigrationStatusTask(runner);
        environment.admin().addTask(migrate);
        environment.admin().addTask(migrationStatus);

        // Maintenance mode: shared by every instance through the database, switched by an admin task.
        MaintenanceMode maintenance = new MaintenanceMode(jdbi, config.isMaintenance(), Clock.systemUTC());
        environment.admin().addTask(new MaintenanceTask(maintenance, instanceName()));
        environment.admin().addFilter("maintenance-parameters", new TaskParameterFilter(MaintenanceTask::parse))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/tasks/" + MaintenanceTask.NAME);

        // Statistics: the scheduler that folds the count cells (the lists' totals), its tasks and health checks.
        StatsScheduler scheduler = new StatsScheduler(new StatsRefresher(jdbi,
                config.getScheduler().statementTimeout(), instanceName(), Clock.systemUTC()), config.getScheduler(),
                maintenance::isOn, environment.metrics(), Clock.systemUTC());
        environment.lifecycle().manage(scheduler);
        environment.healthChecks().register("stats", new StatsHealthCheck(jdbi, scheduler, Clock.systemUTC()));
        environment.healthChecks().register("scheduler", new SchedulerHealthCheck(scheduler));
        RefreshStatsTask refreshStats = new RefreshStatsTask(scheduler);
        environment.admin().addTask(refreshStats);
        environment.admin().addFilter("refresh-stats-parameters",
                        new TaskParameterFilter(RefreshStatsTask.Request::parse))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/tasks/" + RefreshStatsTask.NAME);
        SchedulerStatusTask schedulerStatus = new SchedulerStatusTask(scheduler, jdbi);
        environment.admin().addTask(schedulerStatus);

        // Mail: the outbox sender (idle without an SMTP host) and what the account pages need to write messages.
        OutboxSender mailSender = new OutboxSender(jdbi, config.getMail(),
                new AlertHtml(templates, config.getApi().publicUrl()), environment.lifecycle()
                .scheduledExecutorService("mail-outbox-%d", true)
                .shutdownTime(io.dropwizard.util.Duration.seconds(30)).build());
        environment.lifecycle().manage(mailSender);
        environment.healthChecks().register("mail", new MailHealthCheck(jdbi, mailSender.isDelivering()));
        AccountMessages messages = new AccountMessages(templates, config.getApi().publicUrl(),
                mailSender.isDelivering());

        // Workflows: deletion requests, approved by an institution's admins through an emailed link.
        DeletionWorkflow deletions = new DeletionWorkflow(jdbi, queue, templates, config.getApi().publicUrl(),
                config.getDeletions().confirmationValidity());
        ApiModule.registerBatchDeletion(environment, daos, config.getApi(), deletions::requestBatch);

        // Restoration spot tests: daily, in the scheduler's thread, paused in maintenance mode.
        RestorationSpotTests spotTests = new RestorationSpotTests(jdbi, queue, templates, config.getApi().publicUrl(),
                config.getScheduler().spotTestMinimumSize());
        scheduler.scheduleSpotTests(() -> RestorationSpotTests.describe(spotTests.run()));

        WebAuth webAuth = WebModule.register(environment, config.getWeb(), jdbi, replicas.reads(), daos, lists,
                queue, messages, deletions,
                maintenance, new WorkItemPages.Admin(api.workItems(), itemStates),
                Internals.of(runner, scheduler, jdbi, migrate, migrationStatus, refreshStats, schedulerStatus),
                smsSender(), config.getApi().nsqUrl().isBlank() ? null
                        : new org.aptrust.registry.api.queue.NsqdClient(config.getApi().nsqUrl()));

        // Who is asking: @Auth ApiCaller (API keys, or a session for API reads), @Auth Viewer (sessions), @RolesAllowed.
        Authentication.install(environment.jersey(), api, webAuth);

        // After the web module's filters, so maintenance answers carry the security headers too.
        environment.servlets().addFilter("maintenance", new MaintenanceFilter(maintenance))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");

        environment.lifecycle().addServerLifecycleListener(server -> announce(server, db, demoLoaded));
        environment.lifecycle().addEventListener(new QuietRequestLog());
    }

    /** A Jdbi configured as the primary's (plugins, SQL timers, comments) over another data source. */
    private static Jdbi readJdbi(Environment environment, javax.sql.DataSource dataSource) {
        Jdbi reads = Daos.configure(Jdbi.create(dataSource));
        reads.installPlugin(new org.jdbi.v3.guava.GuavaPlugin());
        reads.setSqlLogger(new com.codahale.metrics.jdbi3.InstrumentedSqlLogger(environment.metrics(),
                new StatementNames()));
        reads.setTemplateEngine(new SqlComments());
        return reads;
    }

    /**
     * How sign-in codes are texted. The default only logs them (see {@link LoggingSmsSender}); a deployment with an
     * SMS gateway overrides this.
     */
    protected SmsSender smsSender() {
        return new LoggingSmsSender();
    }

    /** The resolved database (for tests and commands that run inside the application). */
    public RegistryDatabase database() {
        return database;
    }

    /** The database fault handling (pool purges, read retries, the embedded watchdog). */
    public DatabaseFaults faults() {
        return faults;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The read DAOs the API and web resources use. */
    public Daos daos() {
        return daos;
    }

    /** The lists the API and web resources use. */
    public ListReaders lists() {
        return lists;
    }

    /** Who runs the jobs, as stats_job_runs records it: process id and host. */
    private static String instanceName() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    private static void announce(Server server, RegistryDatabase db, boolean demoLoaded) {
        StringBuilder sb = new StringBuilder("\n");
        for (var connector : server.getConnectors()) {
            if (connector instanceof org.eclipse.jetty.server.NetworkConnector nc) {
                String host = nc.getHost() == null ? "localhost" : nc.getHost();
                String what = "admin".equals(connector.getName()) ? "admin (tasks, health checks)" : "Registry";
                sb.append(String.format("  %-30s http://%s:%d/%n", what, host, nc.getLocalPort()));
            }
        }
        sb.append("  database: ").append(db.isEmbedded() ? "embedded PostgreSQL " : "").append(db.jdbcUrl())
                .append('\n');
        if (db.isEmbedded()) {
            sb.append("  demo accounts (password '").append(FixtureFiles.DEMO_PASSWORD).append("'):")
                    .append(" system@aptrust.org (admin), admin@inst1.edu (institutional admin),")
                    .append(" user@inst1.edu (institutional user)")
                    .append(demoLoaded ? " - demo data loaded now" : "").append('\n');
        }
        System.out.println(sb);
    }
}
