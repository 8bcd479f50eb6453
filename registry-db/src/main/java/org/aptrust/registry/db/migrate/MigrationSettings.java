package org.aptrust.registry.db.migrate;

import java.time.Duration;

/**
 * Knobs of a migration run.
 *
 * @param lockTimeout      how long a file may keep trying to get the table locks it needs before it fails. Each
 *                         attempt waits at most half a second for a lock (so readers and writers never queue
 *                         behind the migration for longer, and a migration that deadlocks with a writer is the one
 *                         that gives up), then the file is rolled back and tried again.
 * @param statementTimeout how long one statement may run
 * @param lockWait         how long to wait for another runner to finish before giving up
 * @param lockPoll         how often to try the advisory lock while waiting
 * @param appliedBy        who is running it, recorded per file
 */
public record MigrationSettings(
        Duration lockTimeout,
        Duration statementTimeout,
        Duration lockWait,
        Duration lockPoll,
        String appliedBy) {

    public static MigrationSettings defaults() {
        return new MigrationSettings(Duration.ofMinutes(2), Duration.ofMinutes(30), Duration.ofMinutes(5),
                Duration.ofMillis(200), defaultAppliedBy());
    }

    public MigrationSettings withLockWait(Duration wait) {
        return new MigrationSettings(lockTimeout, statementTimeout, wait, lockPoll, appliedBy);
    }

    public MigrationSettings withLockTimeout(Duration timeout) {
        return new MigrationSettings(timeout, statementTimeout, lockWait, lockPoll, appliedBy);
    }

    public static String defaultAppliedBy() {
        String user = System.getProperty("user.name", "unknown");
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return user + "@" + host + " pid " + ProcessHandle.current().pid();
    }
}
