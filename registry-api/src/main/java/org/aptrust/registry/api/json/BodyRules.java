package org.aptrust.registry.api.json;

import java.util.Map;

import org.aptrust.registry.db.dao.ChecksumWrites;
import org.aptrust.registry.db.dao.PremisEventWrites;
import org.aptrust.registry.db.model.Vocabulary;

/**
 * The field rules of the admin API's request bodies. A body is read into its write record (the one field list
 * the JSON input and the DAO share, {@link ChecksumWrites.NewChecksum}, {@link PremisEventWrites.NewEvent}); its
 * problems go into an {@link InputValidation}, each under its field path.
 */
public final class BodyRules {

    /** Hex digits per algorithm. */
    static final Map<String, Integer> DIGEST_LENGTHS = Map.of("md5", 32, "sha1", 40, "sha256", 64, "sha512", 128);

    private BodyRules() {
    }

    /**
     * A checksum (POST /checksums/create, or nested in a batch of files).
     *
     * @param prefix the field path in the request ("" or "[2].checksums[0].")
     */
    public static void checksum(InputValidation v, String prefix, ChecksumWrites.NewChecksum c) {
        if (v.oneOf(prefix + "algorithm", c.algorithm(), Vocabulary.CHECKSUM_ALGORITHMS)) {
            v.hex(prefix + "digest", c.digest(), DIGEST_LENGTHS.get(c.algorithm()));
        }
        v.required(prefix + "datetime", c.datetime());
    }

    /**
     * A PREMIS event (POST /events/create, or nested in a batch of files). Its object, file and institution are
     * checked by the caller, who records the event under them.
     */
    public static void event(InputValidation v, String prefix, PremisEventWrites.NewEvent e) {
        v.uuid(prefix + "identifier", e.identifier());
        v.oneOf(prefix + "event_type", e.eventType(), Vocabulary.EVENT_TYPES);
        v.oneOf(prefix + "outcome", e.outcome(), Vocabulary.EVENT_OUTCOMES);
        v.required(prefix + "date_time", e.dateTime());
        v.required(prefix + "detail", e.detail());
        v.required(prefix + "object", e.object());
        v.required(prefix + "agent", e.agent());
    }
}
