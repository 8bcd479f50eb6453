package org.aptrust.registry.db.migrate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One migration file. The version is the file name without ".sql", exactly as the original Registry wrote it
 * into schema_migrations, so a database migrated by hand is recognised.
 */
public record Migration(String version, String sql, String checksum, boolean transactional) {

    /** First line marker that makes the runner apply a file statement by statement, outside a transaction. */
    public static final String NO_TRANSACTION_MARKER = "-- registry:no-transaction";

    public static Migration of(String fileName, String content) {
        if (!fileName.endsWith(".sql")) {
            throw new IllegalArgumentException("not a .sql file: " + fileName);
        }
        String normalized = content.replace("\r\n", "\n");
        String firstLine = normalized.lines().findFirst().orElse("").strip();
        return new Migration(
                fileName.substring(0, fileName.length() - 4),
                normalized,
                sha256(normalized),
                !firstLine.equalsIgnoreCase(NO_TRANSACTION_MARKER));
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
