package org.aptrust.registry.web.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import org.aptrust.registry.db.dao.Daos;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.aptrust.registry.db.embedded.EmbeddedPostgresServer;
import org.aptrust.registry.db.migrate.MigrationSettings;

/**
 * The `database:` section. With no url the service runs its own embedded PostgreSQL, keeping its data in
 * {@code embedded.dataDirectory}; with a url it uses that server and starts nothing.
 */
public class RegistryDatabaseFactory {

    /** JDBC URL of an external server; empty means "start the embedded one". */
    @JsonProperty
    private String url = "";

    @JsonProperty
    private String user = "registry";

    @JsonProperty
    private String password = "";

    @Valid
    @NotNull
    @JsonProperty
    private Embedded embedded = new Embedded();

    /** Apply pending migrations at start-up; when false the service refuses to start while any are pending. */
    @JsonProperty
    private boolean migrateOnStart = false;

    /** Load the project's fixture set into an empty embedded database (the demo data). */
    @JsonProperty
    private boolean loadDemoData = false;

    @Valid
    @NotNull
    @JsonProperty
    private Migrations migrations = new Migrations();

    @Min(1)
    @Max(500)
    @JsonProperty
    private int maxConnections = 32;

    @JsonProperty
    private Duration maxWaitForConnection = Duration.seconds(5);

    /**
     * JDBC URLs of hot standbys of this database (streaming replicas) that serve list, detail, report and
     * member-API reads; empty: every read goes to the primary. An entry may hold several URLs separated by commas
     * (so one environment variable can list them all). See {@code cluster.ReplicaRouting}.
     */
    @NotNull
    @JsonProperty
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    private List<String> replicas = new ArrayList<>();

    /** A replica that is further behind the primary than this is skipped until it catches up. */
    @NotNull
    @JsonProperty
    private Duration replicaMaxLag = Duration.seconds(5);

    /** How often each replica's lag (and the primary's WAL position) is sampled. */
    @NotNull
    @JsonProperty
    private Duration replicaCheckInterval = Duration.seconds(1);

    /**
     * After a write (any request but GET, HEAD, OPTIONS), the client's reads go to the primary for this long; at
     * least replicaMaxLag plus two check intervals (the service refuses to start otherwise).
     */
    @NotNull
    @JsonProperty
    private Duration readYourWritesFor = Duration.seconds(30);

    /**
     * A pooled connection is checked (one round trip) when borrowed unless it was checked this recently; 0 checks
     * every borrow, so a connection the server closed (a restart, pg_terminate_backend) is never handed out.
     */
    @NotNull
    @JsonProperty
    private Duration validationInterval = Duration.milliseconds(0);

    /** How long opening a connection may take before it counts as failed (the driver's connectTimeout). */
    @NotNull
    @JsonProperty
    private Duration connectTimeout = Duration.seconds(5);

    /** The "database" health check answers within about this long, with the cause when it fails. */
    @NotNull
    @JsonProperty
    private Duration healthCheckTimeout = Duration.seconds(3);

    /** How often the embedded PostgreSQL's process is checked, and started again if it died. */
    @NotNull
    @JsonProperty
    private Duration watchdogInterval = Duration.seconds(2);

    public static class Embedded {
        @NotEmpty
        @JsonProperty
        private String dataDirectory = "./data/postgres";

        @NotEmpty
        @JsonProperty
        private String databaseName = "registry_dev";

        /** 0 picks a free port at every start. */
        @Min(0)
        @Max(65535)
        @JsonProperty
        private int port = 0;

        public Path dataDirectory() {
            return Path.of(dataDirectory);
        }

        public String databaseName() {
            return databaseName;
        }

        public int port() {
            return port;
        }
    }

    public static class Migrations {
        @NotNull
        @JsonProperty
        private Duration lockTimeout = Duration.minutes(2);

        @NotNull
        @JsonProperty
        private Duration statementTimeout = Duration.minutes(30);

        @NotNull
        @JsonProperty
        private Duration lockWait = Duration.minutes(5);

        public MigrationSettings settings() {
            MigrationSettings d = MigrationSettings.defaults();
            return new MigrationSettings(lockTimeout.toJavaDuration(), statementTimeout.toJavaDuration(),
                    lockWait.toJavaDuration(), d.lockPoll(), d.appliedBy());
        }
    }

    public boolean isEmbedded() {
        return url == null || url.isBlank();
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public String getPassword() {
        return password;
    }

    public Embedded getEmbedded() {
        return embedded;
    }

    public boolean isMigrateOnStart() {
        return migrateOnStart;
    }

    public boolean isLoadDemoData() {
        return loadDemoData;
    }

    /** The replica URLs, commas split, blanks dropped. */
    public List<String> replicaUrls() {
        List<String> out = new ArrayList<>();
        for (String entry : replicas) {
            if (entry == null) {
                continue;
            }
            for (String url : entry.split(",")) {
                if (!url.isBlank()) {
                    out.add(url.strip());
                }
            }
        }
        return out;
    }

    public java.time.Duration replicaMaxLag() {
        return replicaMaxLag.toJavaDuration();
    }

    public java.time.Duration replicaCheckInterval() {
        return replicaCheckInterval.toJavaDuration();
    }

    public java.time.Duration readYourWritesFor() {
        return readYourWritesFor.toJavaDuration();
    }

    public int maxConnections() {
        return maxConnections;
    }

    public java.time.Duration healthCheckTimeout() {
        return healthCheckTimeout.toJavaDuration();
    }

    public java.time.Duration watchdogInterval() {
        return watchdogInterval.toJavaDuration();
    }

    public MigrationSettings migrationSettings() {
        return migrations.settings();
    }

    /** Connects: starts the embedded server first when no url is configured. */
    public RegistryDatabase open() {
        if (!isEmbedded()) {
            return new RegistryDatabase(url, user, password, null, false);
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(embedded.dataDirectory(), embedded.port());
        boolean created = server.ensureDatabase(embedded.databaseName());
        return new RegistryDatabase(server.jdbcUrl(embedded.databaseName()), EmbeddedPostgresServer.USER, "",
                server, created);
    }

    /**
     * Turns off the pool's statement facade. By default the Tomcat pool hands out every statement and result set
     * behind a reflection proxy (to refuse use after close), so each rs.getString of a list page went through a
     * method-name comparison and Method.invoke: 43 % of the service's CPU under the API benchmark. Jdbi closes
     * statements and result sets itself, so the facade guards nothing here. Connections stay pooled and proxied.
     */
    public static ManagedDataSource withoutStatementProxies(ManagedDataSource dataSource) {
        if (dataSource instanceof DataSourceProxy pool) {
            pool.setUseStatementFacade(false);
        }
        return dataSource;
    }

    /**
     * A Dropwizard pool definition for the resolved database, for Jdbi; its connections start with
     * {@link Daos#SESSION_OPTIONS}.
     */
    DataSourceFactory poolFor(RegistryDatabase db) {
        DataSourceFactory f = new DataSourceFactory();
        f.setDriverClass("org.postgresql.Driver");
        f.setUrl(db.jdbcUrl());
        f.setUser(db.user());
        f.setPassword(db.password());
        f.setMaxSize(maxConnections);
        f.setMinSize(Math.min(2, maxConnections));
        f.setInitialSize(Math.min(2, maxConnections));
        f.setMaxWaitForConnection(maxWaitForConnection);
        f.setValidationQuery("/* registry health check */ SELECT 1");
        // Faults (see DatabaseFaults): check a connection when it is borrowed, so a closed one is replaced, not used;
        // bound the check and the connect, so a database that does not answer costs seconds, not minutes.
        f.setCheckConnectionOnBorrow(true);
        f.setValidationInterval(validationInterval);
        f.setValidationQueryTimeout(Duration.seconds(Math.max(1, connectTimeout.toSeconds())));
        f.setLogValidationErrors(false);
        f.setProperties(Map.of("ApplicationName", "registry",
                "connectTimeout", String.valueOf(Math.max(1, connectTimeout.toSeconds())),
                "tcpKeepAlive", "true",
                "options", Daos.SESSION_OPTIONS));
        return f;
    }
}
