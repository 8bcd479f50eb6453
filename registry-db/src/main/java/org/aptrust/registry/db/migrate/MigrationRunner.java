package org.aptrust.registry.db.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import org.aptrust.registry.db.migrate.MigrationState.Status;

/**
 * Applies the migration files in order and reports their state. The CLI, the admin task and start-up all go
 * through this one class.
 *
 * <p>Each file records its own schema_migrations row (version, started_at, finished_at), exactly as when it is
 * run by hand with psql; the runner adds what it knows on top: checksum, execution time, who ran it, success and
 * the database's error. Two runners never interleave: the first takes a session-level advisory lock, polled with
 * pg_try_advisory_lock so a waiting runner never queues behind a lock (a blocking wait can deadlock against
 * CREATE INDEX CONCURRENTLY), and a killed runner's lock goes away with its connection.
 */
public final class MigrationRunner {

    /** Advisory lock key: "registry migrations" as a fixed 64-bit number. */
    static final long LOCK_KEY = 0x5245_4749_4d49_4752L;

    /**
     * The original Registry's own migrations, which its team ran by hand with psql. Only these are ever adopted
     * without running: a database whose schema_migrations records one of them by hand (no checksum) was built by
     * the original, and the original's schema.sql folds its earlier files in, so an earlier one of these that
     * has no row is part of that schema too (FOLDED). Our later files always run.
     */
    static final List<String> ORIGINAL_VERSIONS = List.of(
            "001_deposit_stats", "002_work_item_restorations", "003_alter_deposit_stats",
            "004_concurrent_deposit_stats", "005_deposit_timeline_stats", "006_performance_improvements",
            "007_spot_restore", "008_fix_update_counts", "009_update_storage_pricing", "010_alerts_view_email",
            "011_batch_deletion_work_items", "012_posix_metadata");

    private static final List<String> RUNNER_COLUMNS = List.of(
            "started_at timestamp", "finished_at timestamp", "checksum varchar(64)", "execution_ms bigint",
            "applied_by varchar", "success boolean", "error text");

    private final DataSource dataSource;
    private final List<Migration> migrations;
    private final MigrationSettings settings;
    private final Consumer<String> progress;

    public MigrationRunner(DataSource dataSource, List<Migration> migrations, MigrationSettings settings,
                           Consumer<String> progress) {
        this.dataSource = dataSource;
        this.migrations = List.copyOf(migrations);
        this.settings = settings;
        this.progress = progress;
        Set<String> seen = new HashSet<>();
        for (Migration m : migrations) {
            if (!seen.add(m.version())) {
                throw new MigrationException("two migration files have the version " + m.version());
            }
        }
    }

    public List<Migration> migrations() {
        return migrations;
    }

    /** Every file's state, then any row of schema_migrations that has no file. Changes nothing. */
    public List<MigrationState> status() {
        try (Connection c = dataSource.getConnection()) {
            return states(readHistory(c));
        } catch (SQLException e) {
            throw new MigrationException("cannot read schema_migrations: " + e.getMessage(), e);
        }
    }

    /** What migrate would do: the pending and failed files, in order. */
    public List<String> plan() {
        return status().stream().filter(MigrationState::runnable).map(MigrationState::version).toList();
    }

    /**
     * Applies every pending or failed file. Refuses while an applied file has changed, unless acceptChanged, in
     * which case the new checksums are recorded (the files are not run again).
     *
     * @return the versions applied, in order
     */
    public List<String> migrate(boolean acceptChanged) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            acquireLock(c);
            try {
                ensureHistoryTable(c);
                List<MigrationState> states = states(readHistory(c));
                List<MigrationState> changed = states.stream().filter(s -> s.status() == Status.CHANGED).toList();
                if (!changed.isEmpty()) {
                    String names = changed.stream().map(MigrationState::version).collect(Collectors.joining(", "));
                    if (!acceptChanged) {
                        throw new MigrationException("applied migration files have changed since they ran: " + names
                                + ". Restore the files, or run `db migrate --accept-changed` to record the new"
                                + " checksums." + (names.contains("000_initial_schema") ? REISSUE_HINT : ""));
                    }
                    acceptChecksums(c, changed);
                }
                List<String> applied = new ArrayList<>();
                Map<String, Migration> byVersion = migrations.stream()
                        .collect(Collectors.toMap(Migration::version, m -> m, (a, b) -> a, LinkedHashMap::new));
                recordFolded(c, states.stream().filter(st -> st.status() == Status.FOLDED).toList());
                List<MigrationState> runnable = states.stream().filter(MigrationState::runnable).toList();
                if (runnable.isEmpty()) {
                    progress.accept("schema is up to date (" + migrations.size() + " migrations)");
                }
                for (MigrationState state : runnable) {
                    apply(c, byVersion.get(state.version()));
                    applied.add(state.version());
                }
                return applied;
            } finally {
                releaseLock(c);
            }
        } catch (SQLException e) {
            throw new MigrationException("migration failed: " + e.getMessage(), e);
        }
    }

    /**
     * How long one attempt waits for a table lock. Below PostgreSQL's deadlock_timeout (1 s by default), so that when
     * a migration and a writer wait for each other (a writer holds a lock on one table and wants another that the
     * migration already holds) the migration gives up first and the writer goes on; the migration then tries again.
     */
    static final long LOCK_ATTEMPT_MS = 500;

    private void apply(Connection c, Migration m) throws SQLException {
        progress.accept("applying " + m.version() + (m.transactional() ? "" : " (no transaction)") + " ...");
        long start = System.nanoTime();
        try {
            if (m.transactional()) {
                int attempt = 1;
                while (true) {
                    try {
                        applyInTransaction(c, m, start);
                        break;
                    } catch (SQLException e) {
                        if (!lockNotAvailable(e) || elapsedMs(start) >= settings.lockTimeout().toMillis()) {
                            throw e;
                        }
                        progress.accept("  " + m.version() + ": a lock is busy (" + abbreviate(e.getMessage())
                                + "); rolled back, trying again (attempt " + (++attempt) + ")");
                        pause(attempt);
                    }
                }
            } else {
                applyStatementByStatement(c, m, start);
            }
        } catch (SQLException | MigrationException e) {
            long ms = elapsedMs(start);
            String message = e.getMessage();
            recordFailure(c, m, ms, message);
            progress.accept("FAILED  " + m.version() + " after " + ms + " ms: " + message);
            throw new MigrationException("migration " + m.version() + " failed (rolled back"
                    + (m.transactional() ? "" : " up to the failing statement") + "): " + message, e);
        }
        progress.accept("applied " + m.version() + " in " + elapsedMs(start) + " ms");
    }

    private void applyInTransaction(Connection c, Migration m, long start) throws SQLException {
        c.setAutoCommit(false);
        try {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL lock_timeout = " + lockAttemptMillis());
                st.execute("SET LOCAL statement_timeout = " + millis(settings.statementTimeout()));
            }
            runStatements(c, m);
            recordSuccess(c, m, elapsedMs(start));
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private void applyStatementByStatement(Connection c, Migration m, long start) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET lock_timeout = " + lockAttemptMillis());
            st.execute("SET statement_timeout = " + millis(settings.statementTimeout()));
        }
        try {
            runStatementsRetryingLocks(c, m, start);
            recordSuccess(c, m, elapsedMs(start));
        } finally {
            try (Statement st = c.createStatement()) {
                st.execute("RESET lock_timeout");
                st.execute("RESET statement_timeout");
            }
        }
    }

    /** A no-transaction file: each statement in its own transaction, tried again while a lock it needs is busy. */
    private void runStatementsRetryingLocks(Connection c, Migration m, long start) throws SQLException {
        for (SqlStatements.Statement statement : SqlStatements.split(m.sql())) {
            int attempt = 1;
            while (true) {
                try (Statement st = c.createStatement()) {
                    st.execute(statement.sql());
                    break;
                } catch (SQLException e) {
                    if (!lockNotAvailable(e) || elapsedMs(start) >= settings.lockTimeout().toMillis()) {
                        String first = statement.sql().lines().findFirst().orElse("");
                        throw new SQLException("line " + statement.line() + " (" + abbreviate(first) + "): "
                                + e.getMessage(), e.getSQLState(), e);
                    }
                    progress.accept("  " + m.version() + " line " + statement.line() + ": a lock is busy; trying"
                            + " again (attempt " + (++attempt) + ")");
                    pause(attempt);
                }
            }
        }
    }

    private static boolean lockNotAvailable(SQLException e) {
        return "55P03".equals(e.getSQLState());
    }

    private String lockAttemptMillis() {
        return "'" + Math.min(LOCK_ATTEMPT_MS, settings.lockTimeout().toMillis()) + "ms'";
    }

    /** 50 ms, doubling to 2 s: long enough for a writer's transaction to end, short enough not to idle. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(2000L, 50L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("interrupted while waiting to try a migration again");
        }
    }

    private void runStatements(Connection c, Migration m) throws SQLException {
        for (SqlStatements.Statement statement : SqlStatements.split(m.sql())) {
            try (Statement st = c.createStatement()) {
                st.execute(statement.sql());
            } catch (SQLException e) {
                String first = statement.sql().lines().findFirst().orElse("");
                throw new SQLException("line " + statement.line() + " (" + abbreviate(first) + "): "
                        + e.getMessage(), e.getSQLState(), e);
            }
        }
    }

    private void recordSuccess(Connection c, Migration m, long ms) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE schema_migrations SET checksum = ?, execution_ms = ?, applied_by = ?, success = true,"
                        + " error = NULL WHERE version = ? AND finished_at IS NOT NULL")) {
            ps.setString(1, m.checksum());
            ps.setLong(2, ms);
            ps.setString(3, settings.appliedBy());
            ps.setString(4, m.version());
            if (ps.executeUpdate() != 1) {
                throw new MigrationException("the file did not record itself: it must insert its schema_migrations"
                        + " row ('" + m.version() + "', started_at) first and set finished_at last");
            }
        }
    }

    private void recordFailure(Connection c, Migration m, long ms, String message) {
        try {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            ensureHistoryTable(c);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO schema_migrations (version, started_at, finished_at, checksum, execution_ms,"
                            + " applied_by, success, error) VALUES (?, now(), NULL, ?, ?, ?, false, ?)"
                            + " ON CONFLICT (version) DO UPDATE SET finished_at = NULL, checksum = excluded.checksum,"
                            + " execution_ms = excluded.execution_ms, applied_by = excluded.applied_by,"
                            + " success = false, error = excluded.error")) {
                ps.setString(1, m.version());
                ps.setString(2, m.checksum());
                ps.setLong(3, ms);
                ps.setString(4, settings.appliedBy());
                ps.setString(5, message);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            progress.accept("could not record the failure of " + m.version() + ": " + e.getMessage());
        }
    }

    /** Records each folded file as adopted (no checksum: it was not run by this runner), with the reason. */
    private void recordFolded(Connection c, List<MigrationState> folded) throws SQLException {
        if (folded.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO schema_migrations (version, started_at, finished_at, applied_by, success)"
                        + " VALUES (?, now(), now(), ?, true) ON CONFLICT (version) DO NOTHING")) {
            for (MigrationState s : folded) {
                ps.setString(1, s.version());
                ps.setString(2, FOLDED_NOTE + " (recorded by " + settings.appliedBy() + ")");
                ps.executeUpdate();
                progress.accept("adopted " + s.version() + ": " + FOLDED_NOTE + " (not run)");
            }
        }
    }

    /** Files 000-017 were reissued with the original's catalog (column order, names, types) in December 2026. */
    static final String REISSUE_HINT = " If 000_initial_schema is among them, this database was built by this project"
            + " before 000-017 were reissued with the original's column order (December 2026): it holds development"
            + " data only; rebuild it with `db reset` (or delete the embedded ./data). See the README, \"Adopting an"
            + " existing Registry database\".";

    /** What recordFolded writes into applied_by; status shows it. */
    static final String FOLDED_NOTE = "adopted: folded into the original's schema";

    private void acceptChecksums(Connection c, List<MigrationState> changed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE schema_migrations SET checksum = ?, applied_by = ? WHERE version = ?")) {
            for (MigrationState s : changed) {
                ps.setString(1, s.fileChecksum());
                ps.setString(2, settings.appliedBy() + " (accepted changed file)");
                ps.setString(3, s.version());
                ps.executeUpdate();
                progress.accept("accepted the changed file " + s.version() + " (checksum recorded, not re-run)");
            }
        }
    }

    private void acquireLock(Connection c) throws SQLException {
        long deadline = System.nanoTime() + settings.lockWait().toNanos();
        boolean reported = false;
        while (true) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, LOCK_KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new MigrationException("another migration runner (" + lockHolder(c) + ") has held the"
                        + " migration lock for longer than " + settings.lockWait().toSeconds() + " s; giving up");
            }
            if (!reported) {
                progress.accept("waiting for another migration runner (" + lockHolder(c) + ") to finish ...");
                reported = true;
            }
            try {
                Thread.sleep(settings.lockPoll().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MigrationException("interrupted while waiting for the migration lock");
            }
        }
    }

    private String lockHolder(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT l.pid, a.client_addr, a.application_name FROM pg_locks l"
                        + " LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
                        + " WHERE l.locktype = 'advisory' AND l.granted"
                        + " AND ((l.classid::bigint << 32) | l.objid::bigint) = ?")) {
            ps.setLong(1, LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return "backend pid " + rs.getInt(1)
                            + (rs.getString(2) == null ? "" : " from " + rs.getString(2));
                }
            }
        }
        return "unknown session";
    }

    private void releaseLock(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, LOCK_KEY);
            ps.execute();
        } catch (SQLException e) {
            progress.accept("could not release the migration lock (it goes with the connection): " + e.getMessage());
        }
    }

    /** Adds the runner's columns next to the original's three; safe to repeat. */
    private static void ensureHistoryTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version varchar PRIMARY KEY)");
            if (missingColumns(c)) {
                st.execute("ALTER TABLE schema_migrations " + RUNNER_COLUMNS.stream()
                        .map(col -> "ADD COLUMN IF NOT EXISTS " + col).collect(Collectors.joining(", ")));
            }
        }
    }

    private static boolean missingColumns(Connection c) throws SQLException {
        return historyColumns(c).size() < RUNNER_COLUMNS.size() + 1;
    }

    private static Set<String> historyColumns(Connection c) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT column_name FROM information_schema.columns"
                        + " WHERE table_schema = current_schema() AND table_name = 'schema_migrations'")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private record HistoryRow(String version, LocalDateTime startedAt, LocalDateTime finishedAt, String checksum,
                              Long executionMs, String appliedBy, Boolean success, String error) {
    }

    /** Reads schema_migrations whatever its shape (none, the original's one or three columns, or ours). */
    private static Map<String, HistoryRow> readHistory(Connection c) throws SQLException {
        Set<String> columns = historyColumns(c);
        Map<String, HistoryRow> rows = new LinkedHashMap<>();
        if (columns.isEmpty()) {
            return rows;
        }
        String select = "SELECT version, " + col(columns, "started_at") + ", " + col(columns, "finished_at") + ", "
                + col(columns, "checksum") + ", " + col(columns, "execution_ms") + ", " + col(columns, "applied_by")
                + ", " + col(columns, "success") + ", " + col(columns, "error")
                + " FROM schema_migrations ORDER BY version";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(select)) {
            while (rs.next()) {
                Timestamp started = rs.getTimestamp(2);
                Timestamp finished = rs.getTimestamp(3);
                long ms = rs.getLong(5);
                Long executionMs = rs.wasNull() ? null : ms;
                boolean ok = rs.getBoolean(7);
                Boolean success = rs.wasNull() ? null : ok;
                rows.put(rs.getString(1), new HistoryRow(rs.getString(1),
                        started == null ? null : started.toLocalDateTime(),
                        finished == null ? null : finished.toLocalDateTime(),
                        rs.getString(4), executionMs, rs.getString(6), success, rs.getString(8)));
            }
        }
        return rows;
    }

    private static String col(Set<String> columns, String name) {
        return columns.contains(name) ? name : "NULL";
    }

    private List<MigrationState> states(Map<String, HistoryRow> history) {
        // The latest of the original's migrations that the original's team recorded by hand (no checksum, not
        // written by this runner): every earlier original migration without a row is folded into its schema.
        String latestByHand = history.values().stream()
                .filter(r -> r.checksum() == null && r.appliedBy() == null && !Boolean.FALSE.equals(r.success()))
                .map(HistoryRow::version).filter(ORIGINAL_VERSIONS::contains)
                .max(String::compareTo).orElse(null);
        List<MigrationState> states = new ArrayList<>();
        for (Migration m : migrations) {
            HistoryRow row = history.get(m.version());
            Status status;
            if (row == null && latestByHand != null && !m.runsOnAdoption()
                    && ORIGINAL_VERSIONS.contains(m.version()) && m.version().compareTo(latestByHand) < 0) {
                status = Status.FOLDED;
            } else if (row == null) {
                status = Status.PENDING;
            } else if (Boolean.FALSE.equals(row.success())) {
                status = Status.FAILED;
            } else if (row.finishedAt() == null && row.startedAt() != null) {
                // Started but never finished: a psql run that died half way. (A row with neither time is an
                // old-style hand-written row, from before schema_migrations had timings: adopted.)
                status = Status.FAILED;
            } else if (row.checksum() == null) {
                status = Status.ADOPTED;
            } else if (!row.checksum().equals(m.checksum())) {
                status = Status.CHANGED;
            } else {
                status = Status.APPLIED;
            }
            states.add(new MigrationState(m.version(), status,
                    row == null ? null : row.startedAt(), row == null ? null : row.finishedAt(),
                    row == null ? null : row.executionMs(), row == null ? null : row.checksum(), m.checksum(),
                    row == null ? null : row.appliedBy(), row == null ? null : row.error()));
        }
        Set<String> known = migrations.stream().map(Migration::version).collect(Collectors.toSet());
        for (HistoryRow row : history.values()) {
            if (!known.contains(row.version())) {
                states.add(new MigrationState(row.version(), Status.UNKNOWN, row.startedAt(), row.finishedAt(),
                        row.executionMs(), row.checksum(), null, row.appliedBy(), row.error()));
            }
        }
        return states;
    }

    /** A plain-text table of the states, for the CLI and the admin task. */
    public static String format(List<MigrationState> states) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-36s %-8s %-19s %-19s %9s  %-12s  %s%n", "version", "state", "started_at",
                "finished_at", "ms", "checksum", "note"));
        for (MigrationState s : states) {
            sb.append(String.format("%-36s %-8s %-19s %-19s %9s  %-12s  %s%n", s.version(), s.status().label(),
                    time(s.startedAt()), time(s.finishedAt()),
                    s.executionMs() == null ? "" : s.executionMs().toString(),
                    s.recordedChecksum() == null ? "" : s.recordedChecksum().substring(0, 12), note(s)).stripTrailing())
                    .append('\n');
            if (s.error() != null && s.status() == Status.FAILED) {
                sb.append("    error: ").append(s.error().replace('\n', ' ')).append('\n');
            }
        }
        Map<Status, Long> counts = states.stream()
                .collect(Collectors.groupingBy(MigrationState::status, LinkedHashMap::new, Collectors.counting()));
        sb.append(counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "))).append('\n');
        return sb.toString();
    }

    /** Says how an adopted or folded file came to be so, and what applied one. */
    private static String note(MigrationState s) {
        return switch (s.status()) {
            case ADOPTED -> s.appliedBy() == null ? "recorded by hand (psql), not run by this runner" : s.appliedBy();
            case FOLDED -> "in the original's schema already: migrate records it as adopted, never runs it";
            case APPLIED -> s.appliedBy() == null ? "" : "applied by " + s.appliedBy();
            default -> "";
        };
    }

    private static String time(LocalDateTime t) {
        return t == null ? "" : t.withNano(0).toString().replace('T', ' ');
    }

    private static String millis(Duration d) {
        return "'" + d.toMillis() + "ms'";
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 80 ? t.substring(0, 77) + "..." : t;
    }
}
