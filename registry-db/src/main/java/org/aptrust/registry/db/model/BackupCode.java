package org.aptrust.registry.db.model;

/** An unused backup code of a user: its id and the SHA-256 of the code. */
public record BackupCode(long id, byte[] codeHash) {
}
