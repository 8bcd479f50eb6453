package org.aptrust.registry.api.json;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

import org.aptrust.registry.db.dao.ChecksumWrites;
import org.aptrust.registry.db.dao.GenericFileWrites;
import org.aptrust.registry.db.dao.IntellectualObjectWrites;
import org.aptrust.registry.db.dao.PremisEventWrites;
import org.aptrust.registry.db.dao.StorageRecordWrites;
import org.aptrust.registry.db.dao.WorkItemWrites;
import org.aptrust.registry.db.model.Vocabulary;

/**
 * The field rules of the admin API's request bodies. A body is read into its write record (the one field list
 * the JSON input and the DAO share, {@link ChecksumWrites.NewChecksum}, {@link PremisEventWrites.NewEvent},
 * {@link GenericFileWrites.FileValues}, {@link StorageRecordWrites.NewStorageRecord},
 * {@link IntellectualObjectWrites.ObjectValues}, {@link WorkItemWrites.ItemValues}); its
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

    /**
     * A generic file's own fields (create, update, or a file of a batch; its nested rows are checked one by one).
     * Its object and institution are checked by the caller, and it is written
     * {@link GenericFileWrites.FileValues#asWritten as written}.
     *
     * @param prefix the field path in the request ("" or "[2].")
     */
    public static void file(InputValidation v, String prefix, GenericFileWrites.FileValues f) {
        v.required(prefix + "file_format", f.fileFormat());
        v.required(prefix + "identifier", f.identifier());
        v.nonNegative(prefix + "size", f.size());
        if (v.required(prefix + "intellectual_object_id", f.intellectualObjectId())) {
            v.check(f.intellectualObjectId() > 0, prefix + "intellectual_object_id", "must be an object's id",
                    "an integer of 1 or more");
        }
        v.oneOf(prefix + "state", f.state(), Vocabulary.STATES);
        v.oneOf(prefix + "storage_option", f.storageOption(), Vocabulary.STORAGE_OPTIONS);
        v.uuid(prefix + "uuid", f.uuid());
    }

    /**
     * A storage record (POST /storage_records/create, or nested in a batch of files): its URL must be an absolute
     * http(s) address of the copy. Its file is checked by the caller.
     */
    public static void storageRecord(InputValidation v, String prefix, StorageRecordWrites.NewStorageRecord r) {
        String url = r.url();
        if (v.required(prefix + "url", url)) {
            v.check(isHttpUrl(url), prefix + "url", "'" + url + "' is not an absolute http(s) URL",
                    "an absolute URL such as https://s3.amazonaws.com/bucket/uuid");
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI u = new URI(value.strip());
            return ("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()))
                    && u.getHost() != null && !u.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * An intellectual object (create and update). The original requires title, identifier, access, state,
     * storage option and BagIt profile; so do we. That the identifier is the institution's identifier, a slash and
     * the bag name (institution1.edu/photos) is only warned about; a missing bag_name is taken from it.
     *
     * @return the bag name to store
     */
    public static String object(InputValidation v, IntellectualObjectWrites.ObjectValues o,
                                String institutionIdentifier) {
        String identifier = o.identifier();
        v.required("title", o.title());
        String bag = o.bagName();
        if (v.required("identifier", identifier)) {
            String prefix = institutionIdentifier + "/";
            if (v.warnUnless(identifier.startsWith(prefix) && identifier.length() > prefix.length()
                            && identifier.indexOf('/', prefix.length()) < 0, "object_identifier_form", "identifier",
                    "'" + identifier + "' is not " + prefix + "<bag_name>")) {
                String fromIdentifier = identifier.substring(prefix.length());
                if (bag == null || bag.isBlank()) {
                    bag = fromIdentifier;
                } else {
                    v.warnUnless(bag.equals(fromIdentifier), "bag_name_identifier", "bag_name",
                            "'" + bag + "' differs from the identifier's bag name '" + fromIdentifier + "'");
                }
            }
        }
        v.oneOf("access", o.access(), Vocabulary.ACCESS);
        v.oneOf("state", o.state(), Vocabulary.STATES);
        v.oneOf("storage_option", o.storageOption(), Vocabulary.STORAGE_OPTIONS);
        v.required("bagit_profile_identifier", o.bagitProfileIdentifier());
        return bag;
    }

    /**
     * A work item (create and update), as it came: its object, file and deletion request are checked by the
     * caller against its institution, and it is written {@link WorkItemWrites.ItemValues#asWritten as written}.
     */
    public static void workItem(InputValidation v, WorkItemWrites.ItemValues w) {
        if (v.required("name", w.name())) {
            v.maxLength("name", w.name(), 1000);
        }
        if (v.required("etag", w.etag())) {
            v.check(w.etag().length() >= 32 && w.etag().length() <= 40, "etag", "must be 32 to 40 characters",
                    "an S3 etag of 32 to 40 characters");
        }
        v.required("bucket", w.bucket());
        v.email("user", w.user());
        v.oneOf("action", w.action(), Vocabulary.WORK_ITEM_ACTIONS);
        v.oneOf("stage", w.stage(), Vocabulary.WORK_ITEM_STAGES);
        v.oneOf("status", w.status(), Vocabulary.WORK_ITEM_STATUSES);
        v.required("bag_date", w.bagDate());
        v.required("date_processed", w.dateProcessed());
        v.nonNegative("size", w.size());
        v.maxLength("node", w.node(), 255);
        v.check(w.pid() == null || w.pid() >= 0, "pid", "must be 0 or more", "an integer of 0 or more");
    }
}
