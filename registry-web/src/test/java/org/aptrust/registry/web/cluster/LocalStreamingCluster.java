package org.aptrust.registry.web.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A primary and a hot standby of PostgreSQL's own streaming replication, on loopback ports of their own, in a
 * temporary folder: initdb, then {@code pg_basebackup -R -X stream} with a replication slot (so a standby that was
 * stopped catches up when it starts again), started and stopped with pg_ctl. Never touches the machine's own
 * clusters.
 *
 * <p>The binaries are Debian's (/usr/lib/postgresql/N/bin, the newest with pg_basebackup) or REGISTRY_PG_BIN's:
 * the embedded zonky bundle has no pg_basebackup. initdb and the server refuse to run as root; as root (as CI
 * runs) they run in a user namespace of their own ({@code unshare -U}), where they are not root, as the embedded
 * server does.
 */
final class LocalStreamingCluster implements AutoCloseable {

    static final String DATABASE = "registry_cluster_test";

    private final Path bin;
    private final Path dir;
    private final int primaryPort;
    private final int standbyPort;
    private final boolean asRoot;

    private LocalStreamingCluster(Path bin, Path dir, int primaryPort, int standbyPort, boolean asRoot) {
        this.bin = bin;
        this.dir = dir;
        this.primaryPort = primaryPort;
        this.standbyPort = standbyPort;
        this.asRoot = asRoot;
    }

    /** Where initdb, pg_ctl and pg_basebackup are, if anywhere. */
    static Optional<Path> binaries() {
        String configured = System.getenv("REGISTRY_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_basebackup")) && Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Starts the primary, creates the database, and lets {@code prepare} fill it before the standby is copied. */
    static LocalStreamingCluster start(Path bin, java.util.function.Consumer<javax.sql.DataSource> prepare) {
        try {
            Path dir = Files.createTempDirectory("registry-cluster");
            boolean root = "root".equals(System.getProperty("user.name"));
            LocalStreamingCluster c = new LocalStreamingCluster(bin, dir, freePort(), freePort(), root);
            c.initPrimary();
            c.createDatabase();
            prepare.accept(c.dataSource(c.primaryPort));
            c.copyStandby();
            c.startStandby();
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String primaryUrl() {
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + "/" + DATABASE;
    }

    String standbyUrl() {
        return "jdbc:postgresql://127.0.0.1:" + standbyPort + "/" + DATABASE;
    }

    Connection primary() throws SQLException {
        return DriverManager.getConnection(primaryUrl(), "postgres", "");
    }

    Connection standby() throws SQLException {
        return DriverManager.getConnection(standbyUrl(), "postgres", "");
    }

    /** An immediate stop: the standby goes away as a crashed server would. */
    void killStandby() {
        run(true, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("standby").toString(), "-m", "immediate",
                "-w", "-t", "60", "stop");
    }

    void startStandby() {
        run(true, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("standby").toString(), "-l",
                dir.resolve("standby.log").toString(), "-w", "-t", "120", "start");
    }

    @Override
    public void close() {
        for (String node : List.of("standby", "primary")) {
            if (Files.exists(dir.resolve(node).resolve("postmaster.pid"))) {
                try {
                    run(true, bin.resolve("pg_ctl").toString(), "-D", dir.resolve(node).toString(), "-m",
                            "immediate", "-w", "-t", "60", "stop");
                } catch (RuntimeException e) {
                    // best effort
                }
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a temporary folder
        }
    }

    private void initPrimary() throws IOException {
        Path data = dir.resolve("primary");
        run(true, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E",
                "UTF8", "--locale=C", "--no-sync");
        Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                "", "port = " + primaryPort, "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + dir + "'", "wal_level = replica", "max_wal_senders = 5",
                "max_replication_slots = 5", "hot_standby = on", "fsync = off", "synchronous_commit = on",
                "full_page_writes = on", "max_connections = 200", "shared_buffers = 64MB", ""),
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(data.resolve("pg_hba.conf"), "\nhost replication all 127.0.0.1/32 trust\n",
                java.nio.file.StandardOpenOption.APPEND);
        run(true, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("primary.log").toString(),
                "-w", "-t", "120", "start");
    }

    private void createDatabase() {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + primaryPort + "/postgres",
                "postgres", ""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void copyStandby() throws IOException {
        Path data = dir.resolve("standby");
        run(false, bin.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", String.valueOf(primaryPort),
                "-U", "postgres", "-D", data.toString(), "-R", "-X", "stream", "-c", "fast", "-C", "-S",
                "registry_standby");
        Files.writeString(data.resolve("postgresql.conf"), "\nport = " + standbyPort + "\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    private javax.sql.DataSource dataSource(int port) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE);
        ds.setUser("postgres");
        return ds;
    }

    /** Runs a PostgreSQL program to its end (at most 3 minutes); its output goes to a log in the folder. */
    private void run(boolean refusesRoot, String... command) {
        List<String> cmd = new ArrayList<>();
        if (refusesRoot && asRoot) {
            cmd.add("unshare");
            cmd.add("-U");
        }
        cmd.addAll(List.of(command));
        File log = dir.resolve("commands.log").toFile();
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("failed (" + p.exitValue() + "): " + String.join(" ", cmd) + "\n"
                        + tail(log.toPath()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
