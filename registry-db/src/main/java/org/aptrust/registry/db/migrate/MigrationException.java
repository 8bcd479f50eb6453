package org.aptrust.registry.db.migrate;

/** A migration run that could not complete; the message is meant for the person running it. */
public class MigrationException extends RuntimeException {
    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
