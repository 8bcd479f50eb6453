package org.aptrust.registry.db.migrate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One migration file. The version is the file name without ".sql", exactly as the original Registry wrote it
 * into schema_migrations, so a database migrated by hand is recognised.
 */
public record Migration(String version, String sql, String checksum, boolean transactional,
                        boolean runsOnAdoption) {

    /** Header marker that makes the runner apply a file statement by statement, outside a transaction. */
    public static final String NO_TRANSACTION_MARKER = "-- registry:no-transaction";

    /**
     * Header marker of a file that only creates what is missing, so the runner runs it on a database that the
     * original Registry built instead of adopting it (000: the helper routines the later files use).
     */
    public static final String RUNS_ON_ADOPTION_MARKER = "-- registry:runs-on-adoption";

    public static Migration of(String fileName, String content) {
        if (!fileName.endsWith(".sql")) {
            throw new IllegalArgumentException("not a .sql file: " + fileName);
        }
        String normalized = content.replace("\r\n", "\n");
        // Markers are the leading "-- registry:..." lines of the file.
        List<String> markers = normalized.lines().map(String::strip)
                .takeWhile(line -> line.toLowerCase(Locale.ROOT).startsWith("-- registry:"))
                .map(line -> line.toLowerCase(Locale.ROOT)).toList();
        return new Migration(
                fileName.substring(0, fileName.length() - 4),
                normalized,
                sha256(normalized),
                !markers.contains(NO_TRANSACTION_MARKER),
                markers.contains(RUNS_ON_ADOPTION_MARKER));
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
