package org.aptrust.registry.db.list;

import static org.aptrust.registry.db.list.Op.CONTAINS;
import static org.aptrust.registry.db.list.Op.EQ;
import static org.aptrust.registry.db.list.Op.GT;
import static org.aptrust.registry.db.list.Op.GTEQ;
import static org.aptrust.registry.db.list.Op.IN;
import static org.aptrust.registry.db.list.Op.IS_NULL;
import static org.aptrust.registry.db.list.Op.LT;
import static org.aptrust.registry.db.list.Op.LTEQ;
import static org.aptrust.registry.db.list.Op.NE;
import static org.aptrust.registry.db.list.Op.NOT_IN;
import static org.aptrust.registry.db.list.Op.NOT_NULL;
import static org.aptrust.registry.db.list.Op.STARTS_WITH;
import static org.aptrust.registry.db.list.ValueType.BIGINT;
import static org.aptrust.registry.db.list.ValueType.BOOLEAN;
import static org.aptrust.registry.db.list.ValueType.INTEGER;
import static org.aptrust.registry.db.list.ValueType.TEXT;
import static org.aptrust.registry.db.list.ValueType.TIMESTAMP;

import org.aptrust.registry.db.model.Vocabulary;

/**
 * Every list's whitelist, in one place: what the web pages, the API lists and the CSV downloads may filter and
 * sort on. Taken from the original's filters (reference §6.2, §6.3) with its recorded mistakes fixed: no filter on
 * a column the view does not have (deletions had stage and status), a real not_null op (users'
 * deactivated_at__not_null), and sorts whitelisted at all.
 *
 * <p>Ranges on timestamps and sizes allow gt/gteq/lt/lteq; identifiers allow eq (and starts_with where the
 * original did); closed vocabularies are enums and allow in/not_in. Sortable columns are those the original's
 * pages offer, each served by an index at scale (see migrations/013 and docs/BENCHMARKS.md).
 */
public final class Lists {

    private static final Op[] RANGE = {EQ, GT, GTEQ, LT, LTEQ};
    private static final Op[] ONE_OR_MANY = {EQ, NE, IN, NOT_IN};

    /** alerts_view: one row per alert and recipient; a non-admin sees only their own rows. */
    public static final ListSpec ALERTS = ListSpec.builder("alerts", "alerts_view")
            .filter("id", BIGINT, EQ, IN)
            .filter("institution_id", INTEGER, EQ, IN)
            .filter("user_id", INTEGER, EQ)
            .filter("type", TEXT, EQ, IN)
            .filter("deletion_request_id", INTEGER, EQ)
            .filter("created_at", TIMESTAMP, RANGE)
            .filter("read_at", TIMESTAMP, GTEQ, LTEQ, IS_NULL, NOT_NULL)
            .sortable("type", "user_name", "created_at", "read_at")
            .defaultSort(Sort.desc("created_at"))
            .key("id", "user_id")
            .userColumn("user_id")
            .build();

    /** checksums_view (the API's list). */
    public static final ListSpec CHECKSUMS = ListSpec.builder("checksums", "checksums_view")
            .oneOf("algorithm", Vocabulary.CHECKSUM_ALGORITHMS, ONE_OR_MANY)
            .filter("datetime", TIMESTAMP, RANGE)
            .filter("digest", TEXT, EQ)
            .filter("generic_file_id", INTEGER, EQ, IN)
            .filter("generic_file_identifier", TEXT, EQ)
            .filter("institution_id", INTEGER, EQ, IN)
            .filter("intellectual_object_id", INTEGER, EQ)
            .oneOf("state", Vocabulary.STATES, EQ)
            .sortable("datetime", "algorithm", "created_at")
            .defaultSort(Sort.desc("datetime"))
            .baseTable("checksums", "state", "generic_file_identifier", "intellectual_object_id", "institution_id")
            .planKeys("generic_file_id")
            .build();

    /** deletion_requests_view. The original's stage and status filters named columns the view lost in 011. */
    public static final ListSpec DELETIONS = ListSpec.builder("deletions", "deletion_requests_view")
            .filter("institution_id", INTEGER, EQ, IN)
            .filter("requested_by_id", INTEGER, EQ)
            .filter("requested_at", TIMESTAMP, RANGE)
            .filter("confirmed_at", TIMESTAMP, GTEQ, LTEQ, IS_NULL, NOT_NULL)
            .filter("cancelled_at", TIMESTAMP, GTEQ, LTEQ, IS_NULL, NOT_NULL)
            .sortable("requested_by_name", "requested_at", "confirmed_at", "cancelled_at", "file_count",
                    "object_count")
            .defaultSort(Sort.desc("requested_at"))
            .build();

    /**
     * generic_files_view, for the API's /files and the web's /files alike (the original's web page read the
     * table; the view has every table column and the paging reads its per-row digests for the page only).
     */
    public static final ListSpec FILES = ListSpec.builder("files", "generic_files_view")
            .filter("identifier", TEXT, EQ)
            .filter("uuid", TEXT, EQ)
            .filter("intellectual_object_id", INTEGER, EQ, IN)
            .filter("institution_id", INTEGER, EQ, IN)
            .oneOf("state", Vocabulary.STATES, EQ)
            .oneOf("storage_option", Vocabulary.STORAGE_OPTIONS, ONE_OR_MANY)
            .filter("file_format", TEXT, EQ, IN)
            .filter("size", BIGINT, RANGE)
            .filter("created_at", TIMESTAMP, RANGE)
            .filter("updated_at", TIMESTAMP, RANGE)
            .filter("last_fixity_check", TIMESTAMP, RANGE)
            .sortable("identifier", "size", "storage_option", "updated_at", "last_fixity_check")
            .defaultSort(Sort.desc("updated_at"))
            .countView("generic_file_counts", "institution_id", "state")
            .baseTable("generic_files")
            .planKeys("intellectual_object_id", "identifier", "uuid")
            .build();

    /** premis_events_view. Sorting by the joined object or file identifier is left out: no index can serve it. */
    public static final ListSpec EVENTS = ListSpec.builder("events", "premis_events_view")
            .filter("identifier", TEXT, EQ)
            .oneOf("event_type", Vocabulary.EVENT_TYPES, ONE_OR_MANY)
            .oneOf("outcome", Vocabulary.EVENT_OUTCOMES, EQ)
            .filter("date_time", TIMESTAMP, RANGE)
            .filter("institution_id", INTEGER, EQ, IN)
            .filter("intellectual_object_id", INTEGER, EQ)
            .filter("intellectual_object_identifier", TEXT, EQ)
            .filter("generic_file_id", INTEGER, EQ, IS_NULL, NOT_NULL)
            .filter("generic_file_identifier", TEXT, EQ)
            .sortable("event_type", "date_time", "outcome")
            .defaultSort(Sort.desc("date_time"))
            .countView("premis_event_counts", "institution_id", "event_type", "outcome")
            .baseTable("premis_events", "intellectual_object_identifier", "generic_file_identifier")
            .planKeys("intellectual_object_id", "generic_file_id", "identifier")
            .build();

    /** institutions_view (admins only on the web). A non-admin's scope is their own institution's row. */
    public static final ListSpec INSTITUTIONS = ListSpec.builder("institutions", "institutions_view")
            .filter("name", TEXT, EQ, CONTAINS)
            .filter("identifier", TEXT, EQ)
            .oneOf("type", Vocabulary.INSTITUTION_TYPES, EQ)
            .oneOf("state", Vocabulary.STATES, EQ)
            .filter("parent_id", INTEGER, EQ, IS_NULL, NOT_NULL)
            .filter("deactivated_at", TIMESTAMP, IS_NULL, NOT_NULL)
            .sortable("name", "identifier", "type", "parent_identifier", "deactivated_at")
            .defaultSort(Sort.asc("name"))
            .institutionColumn("id")
            .build();

    /** intellectual_objects_view. size and file_count are summary columns (013), so they sort like any other. */
    public static final ListSpec OBJECTS = ListSpec.builder("objects", "intellectual_objects_view")
            .oneOf("access", Vocabulary.ACCESS, ONE_OR_MANY)
            .filter("alt_identifier", TEXT, EQ, STARTS_WITH)
            .filter("bag_group_identifier", TEXT, EQ, STARTS_WITH)
            .filter("bag_name", TEXT, EQ)
            .filter("bagit_profile_identifier", TEXT, EQ)
            .filter("created_at", TIMESTAMP, RANGE)
            .filter("etag", TEXT, EQ)
            .filter("file_count", BIGINT, RANGE)
            .filter("identifier", TEXT, EQ, STARTS_WITH)
            .filter("institution_id", INTEGER, EQ, IN)
            .filter("institution_parent_id", INTEGER, EQ)
            .filter("internal_sender_description", TEXT, EQ, CONTAINS)
            .filter("internal_sender_identifier", TEXT, EQ)
            .filter("payload_file_count", BIGINT, RANGE)
            .filter("payload_size", BIGINT, RANGE)
            .filter("size", BIGINT, RANGE)
            .filter("source_organization", TEXT, EQ)
            .oneOf("state", Vocabulary.STATES, EQ)
            .oneOf("storage_option", Vocabulary.STORAGE_OPTIONS, ONE_OR_MANY)
            .filter("updated_at", TIMESTAMP, RANGE)
            .sortable("identifier", "storage_option", "file_count", "size", "updated_at")
            .defaultSort(Sort.desc("updated_at"))
            .countView("intellectual_object_counts", "institution_id", "state")
            .baseTable("intellectual_objects", "institution_parent_id")
            .planKeys("identifier")
            .build();

    /** storage_records (a table; no institution column, so admins only). */
    public static final ListSpec STORAGE_RECORDS = ListSpec.builder("storage_records", "storage_records")
            .filter("generic_file_id", INTEGER, EQ, IN)
            .filter("url", TEXT, EQ)
            .sortable("id")
            .defaultSort(Sort.desc("id"))
            .institutionColumn(null)
            .planKeys("generic_file_id")
            .build();

    /** users_view. */
    public static final ListSpec USERS = ListSpec.builder("users", "users_view")
            .filter("name", TEXT, EQ, CONTAINS)
            .filter("email", TEXT, EQ, CONTAINS)
            .filter("institution_id", INTEGER, EQ, IN)
            .oneOf("role", Vocabulary.ROLES, ONE_OR_MANY)
            .filter("deactivated_at", TIMESTAMP, IS_NULL, NOT_NULL)
            .sortable("name", "email", "institution_name", "role", "last_sign_in_at", "enabled_two_factor",
                    "deactivated_at")
            .defaultSort(Sort.asc("name"))
            .build();

    /** work_items_view, with the original's web filters (its quick reports are combinations of these). */
    public static final ListSpec WORK_ITEMS = ListSpec.builder("work_items", "work_items_view")
            .oneOf("action", Vocabulary.WORK_ITEM_ACTIONS, ONE_OR_MANY)
            .oneOf("stage", Vocabulary.WORK_ITEM_STAGES, ONE_OR_MANY)
            .oneOf("status", Vocabulary.WORK_ITEM_STATUSES, ONE_OR_MANY)
            .filter("alt_identifier", TEXT, EQ)
            .filter("bag_date", TIMESTAMP, RANGE)
            .filter("bag_group_identifier", TEXT, EQ)
            .filter("bagit_profile_identifier", TEXT, EQ)
            .filter("bucket", TEXT, EQ)
            .filter("created_at", TIMESTAMP, RANGE)
            .filter("date_processed", TIMESTAMP, RANGE)
            .filter("deletion_request_id", BIGINT, EQ)
            .filter("etag", TEXT, EQ)
            .filter("generic_file_id", INTEGER, EQ, IS_NULL, NOT_NULL)
            .filter("generic_file_identifier", TEXT, EQ)
            .filter("institution_id", INTEGER, EQ, IN)
            .filter("intellectual_object_id", INTEGER, EQ, IS_NULL, NOT_NULL)
            .filter("name", TEXT, EQ, STARTS_WITH)
            .filter("needs_admin_review", BOOLEAN, EQ)
            .filter("node", TEXT, EQ, IS_NULL, NOT_NULL)
            .filter("object_identifier", TEXT, EQ)
            .filter("queued_at", TIMESTAMP, GTEQ, LTEQ, IS_NULL, NOT_NULL)
            .filter("retry", BOOLEAN, EQ)
            .filter("size", BIGINT, RANGE)
            .oneOf("storage_option", Vocabulary.STORAGE_OPTIONS, EQ, IN)
            .filter("updated_at", TIMESTAMP, RANGE)
            .filter("user", TEXT, EQ)
            .sortable("action", "name", "institution_name", "size", "stage", "status", "updated_at",
                    "date_processed")
            .defaultSort(Sort.desc("updated_at"))
            .countView("work_item_counts", "institution_id", "action")
            .baseTable("work_items", "alt_identifier", "bag_group_identifier", "bagit_profile_identifier",
                    "generic_file_identifier", "object_identifier", "storage_option", "institution_name")
            .planKeys("intellectual_object_id", "generic_file_id")
            .build();

    private Lists() {
    }
}
