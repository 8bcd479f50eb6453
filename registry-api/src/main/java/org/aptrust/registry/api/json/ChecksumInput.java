package org.aptrust.registry.api.json;

import java.time.LocalDateTime;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.aptrust.registry.db.dao.ChecksumWrites;
import org.aptrust.registry.db.model.Vocabulary;

/** A checksum as clients send it (POST /checksums/create, or nested in a batch of files). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChecksumInput(Long id, String algorithm, LocalDateTime datetime, String digest, Integer genericFileId) {

    /** Hex digits per algorithm. */
    static final Map<String, Integer> DIGEST_LENGTHS = Map.of("md5", 32, "sha1", 40, "sha256", 64, "sha512", 128);

    /**
     * Checks the fields and returns the row to insert.
     *
     * @param prefix the field path in the request ("" or "[2].checksums[0].")
     * @param fileId the file the checksum belongs to (from the body, or the file it is nested in)
     */
    public ChecksumWrites.NewChecksum validate(InputValidation v, String prefix, Integer fileId) {
        if (v.oneOf(prefix + "algorithm", algorithm, Vocabulary.CHECKSUM_ALGORITHMS)) {
            v.hex(prefix + "digest", digest, DIGEST_LENGTHS.get(algorithm));
        }
        v.required(prefix + "datetime", datetime);
        return new ChecksumWrites.NewChecksum(fileId == null ? 0 : fileId, algorithm, digest, datetime);
    }
}
