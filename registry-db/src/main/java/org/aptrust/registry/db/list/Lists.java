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
 * a column the view does not have, a real not_null op (users' deactivated_at__not_null; is_not_null, which the
 * member API document uses, means the same), and the column names a sort may use listed.
 *
 * <p>Ranges on timestamps and sizes allow gt/gteq/lt/lteq; identifiers allow eq (and starts_with where the
 * original did); closed vocabularies are enums and allow in/not_in. Every column of a list's relation sorts (the
 * original's clients sort by any); {@code sortable} names the sorts an index serves at scale, which the pages offer
 * (see migrations/013 and docs/BENCHMARKS.md), and the others run as a plain ORDER BY under a timeout.
 */
public final class Lists {

    private static final Op[] RANGE = {EQ, GT, GTEQ, LT, LTEQ};
    private static final Op[] ONE_OR_MANY = {EQ, NE, IN, NOT_IN};

    /**
     * Event outcomes a filter accepts: ours, and "Failure", which the member API document lists (events record
     * "Failed"). The original's server compared it like any value and found nothing; so do we.
     */
    private static final java.util.List<String> DOCUMENTED_OUTCOMES =
            java.util.stream.Stream.concat(Vocabulary.EVENT_OUTCOMES.stream(), java.util.stream.Stream.of("Failure"))
                    .toList();

    /** alerts_view: one row per alert and recipient; a non-admin sees only their own rows. */
    public static final ListSpec ALERTS = ListSpec.builder("alerts", "alerts_view")
            .filter("id", BIGINT, EQ, IN)
            .filter("institution_id", INTEGER, EQ, IN)
            .filter("user_id", INTEGER, EQ)
            .filter("type", TEXT, EQ, IN)
            .filter("deletion_request_id", INTEGER, EQ)
            .filter("created_at", TIMESTAMP, RANGE)
            .filter("read_at", TIMESTAMP, GTEQ, LTEQ, IS_NULL, NOT_NULL)
            .columns("content", "created_at", "deletion_request_id", "id", "institution_id",
                    "institution_identifier", "institution_name", "read_at", "sent_at", "subject", "type",
                    "user_email", "user_id", "user_name")
            .sortable("id", "type", "user_name", "created_at", "read_at")
            .defaultSort(Sort.desc("created_at"))
            .key("id", "user_id")
            .userColumn("user_id")
            .determinedBy("institution_id", "institution_identifier", "institution_name")
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
            .columns("algorithm", "created_at", "datetime", "digest", "generic_file_id", "generic_file_identifier",
                    "id", "institution_id", "intellectual_object_id", "state", "updated_at")
            .sortable("id", "datetime", "algorithm", "created_at")
            .defaultSort(Sort.desc("datetime"))
            .baseTable("checksums", "state", "generic_file_identifier", "intellectual_object_id")
            .planKeys("generic_file_id")
            .sortAlias("generic_file_identfier", "generic_file_identifier") // so spelled in the API document
            .parent("generic_file_id")
            .parentThrough("intellectual_object_id", "generic_file_id", "generic_file_ids_of_object")
            // The checksum's own copy of its file's institution (076-077), indexed with each sort.
            .parent("institution_id", "id", "datetime", "algorithm", "created_at")
            .determinedBy("generic_file_id", "generic_file_identifier")
            // stats_checksums_live (073): per institution (through the checksum's file) and algorithm.
            .cells(CountCells.of("checksums").value("institution_id").value("algorithm"))
            .build();

    /**
     * deletion_requests_view. stage and status are those of the request's latest work item (migration 025 put
     * them back after 011 dropped them; the member API document lists both as filters and sorts).
     */
    public static final ListSpec DELETIONS = ListSpec.builder("deletions", "deletion_requests_view")
            .filter("institution_id", INTEGER, EQ, IN)
            .filter("requested_by_id", INTEGER, EQ)
            .filter("requested_at", TIMESTAMP, RANGE)
            .filter("confirmed_at", TIMESTAMP, GTEQ, LTEQ, IS_NULL, NOT_NULL)
            .filter("cancelled_at", TIMESTAMP, GTEQ, LTEQ, IS_NULL, NOT_NULL)
            .oneOf("stage", Vocabulary.WORK_ITEM_STAGES, ONE_OR_MANY)
            .oneOf("status", Vocabulary.WORK_ITEM_STATUSES, ONE_OR_MANY)
            .columns("cancelled_at", "cancelled_by_email", "cancelled_by_id", "cancelled_by_name", "confirmed_at",
                    "confirmed_by_email", "confirmed_by_id", "confirmed_by_name", "encrypted_confirmation_token",
                    "file_count", "id", "institution_id", "institution_identifier", "institution_name",
                    "object_count", "requested_at", "requested_by_email", "requested_by_id", "requested_by_name",
                    "stage", "status")
            .sortable("id", "requested_by_name", "requested_at", "confirmed_at", "cancelled_at", "file_count",
                    "object_count")
            .defaultSort(Sort.desc("requested_at"))
            .determinedBy("institution_id", "institution_identifier", "institution_name")
            .determinedBy("requested_by_id", "requested_by_name")
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
            .columns("access", "created_at", "file_format", "id", "identifier", "institution_id",
                    "institution_identifier", "institution_name", "intellectual_object_id", "last_fixity_check",
                    "md5", "mod_time", "object_identifier", "sha1", "sha256", "sha512", "size", "state",
                    "storage_option", "updated_at", "uuid")
            .sortable("id", "identifier", "size", "storage_option", "updated_at", "last_fixity_check")
            .defaultSort(Sort.desc("updated_at"))
            .countView("generic_file_counts", "institution_id", "state")
            .baseTable("generic_files")
            .planKeys("intellectual_object_id", "identifier", "uuid")
            .parent("intellectual_object_id", "updated_at", "identifier")
            .parent("institution_id", "id", "identifier", "size", "storage_option", "updated_at", "last_fixity_check")
            .determinedBy("institution_id", "institution_identifier", "institution_name")
            .determinedBy("intellectual_object_id", "object_identifier")
            // stats_files_live (073): per institution, state, storage option and month of created_at.
            .cells(CountCells.of("files").value("institution_id").value("state").value("storage_option")
                    .month("created_at", "month"))
            .build();

    /** premis_events_view. Sorting by the joined object or file identifier is left out: no index can serve it. */
    public static final ListSpec EVENTS = ListSpec.builder("events", "premis_events_view")
            .filter("identifier", TEXT, EQ)
            .oneOf("event_type", Vocabulary.EVENT_TYPES, ONE_OR_MANY)
            .oneOf("outcome", DOCUMENTED_OUTCOMES, EQ)
            .filter("date_time", TIMESTAMP, RANGE)
            .filter("institution_id", INTEGER, EQ, IN)
            .filter("intellectual_object_id", INTEGER, EQ)
            .filter("intellectual_object_identifier", TEXT, EQ)
            .filter("generic_file_id", INTEGER, EQ, IS_NULL, NOT_NULL)
            .filter("generic_file_identifier", TEXT, EQ)
            .columns("agent", "created_at", "date_time", "detail", "event_type", "generic_file_id",
                    "generic_file_identifier", "id", "identifier", "institution_id", "institution_name",
                    "intellectual_object_id", "intellectual_object_identifier", "object", "old_uuid", "outcome",
                    "outcome_detail", "outcome_information", "updated_at")
            .sortable("id", "event_type", "date_time", "outcome")
            .defaultSort(Sort.desc("date_time"))
            .countView("premis_event_counts", "institution_id", "event_type", "outcome")
            .baseTable("premis_events", "intellectual_object_identifier", "generic_file_identifier")
            .planKeys("intellectual_object_id", "generic_file_id", "identifier")
            .parent("generic_file_id")
            .parent("intellectual_object_id", "date_time")
            .parent("institution_id", "id", "event_type", "date_time", "outcome")
            .determinedBy("institution_id", "institution_name")
            .determinedBy("intellectual_object_id", "intellectual_object_identifier")
            .determinedBy("generic_file_id", "generic_file_identifier")
            // stats_events_live (073): per institution, type, outcome, object level (no file) and month of date_time.
            .cells(CountCells.of("events").value("institution_id").value("event_type").value("outcome")
                    .isNull("generic_file_id", "object_level").month("date_time", "month"))
            .build();

    /** institutions_view (admins only on the web). A non-admin's scope is their own institution's row. */
    public static final ListSpec INSTITUTIONS = ListSpec.builder("institutions", "institutions_view")
            .filter("name", TEXT, EQ, CONTAINS)
            .filter("identifier", TEXT, EQ)
            .oneOf("type", Vocabulary.INSTITUTION_TYPES, EQ)
            .oneOf("state", Vocabulary.STATES, EQ)
            .filter("parent_id", INTEGER, EQ, IS_NULL, NOT_NULL)
            .filter("deactivated_at", TIMESTAMP, IS_NULL, NOT_NULL)
            .columns("created_at", "deactivated_at", "id", "identifier", "last_spot_restore_work_item_id",
                    "member_institution_id", "name", "otp_enabled", "parent_deactivated_at", "parent_id",
                    "parent_identifier", "parent_name", "parent_state", "receiving_bucket", "restore_bucket",
                    "spot_restore_frequency", "state", "type", "updated_at")
            .sortable("id", "name", "identifier", "type", "parent_identifier", "deactivated_at")
            .defaultSort(Sort.asc("name"))
            .institutionColumn("id")
            .determinedBy("parent_id", "parent_identifier", "parent_name")
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
            .columns("access", "alt_identifier", "bag_group_identifier", "bag_name", "bagit_profile_identifier",
                    "created_at", "description", "etag", "file_count", "id", "identifier", "institution_id",
                    "institution_identifier", "institution_name", "institution_parent_id", "institution_type",
                    "internal_sender_description", "internal_sender_identifier", "payload_file_count",
                    "payload_size", "size", "source_organization", "state", "storage_option", "title", "updated_at")
            .sortable("id", "identifier", "storage_option", "file_count", "size", "updated_at")
            .defaultSort(Sort.desc("updated_at"))
            .countView("intellectual_object_counts", "institution_id", "state")
            .baseTable("intellectual_objects", "institution_parent_id")
            .planKeys("identifier")
            .parent("institution_id", "id", "identifier", "storage_option", "file_count", "size", "updated_at")
            .determinedBy("institution_id", "institution_identifier", "institution_name")
            // stats_objects_live (073): per institution, state, storage option, access and month of created_at; the
            // parent institution through the institution's row.
            .cells(CountCells.of("objects").value("institution_id").value("state").value("storage_option")
                    .value("access").month("created_at", "month")
                    .join("LEFT JOIN institutions i ON i.id = c.institution_id")
                    .value("institution_parent_id", "i.member_institution_id"))
            .build();

    /** storage_records (a table; no institution column, so admins only). */
    public static final ListSpec STORAGE_RECORDS = ListSpec.builder("storage_records", "storage_records")
            .filter("generic_file_id", INTEGER, EQ, IN)
            .filter("url", TEXT, EQ)
            .columns("generic_file_id", "id", "url")
            .sortable("id")
            .defaultSort(Sort.desc("id"))
            .institutionColumn(null)
            .planKeys("generic_file_id")
            .parent("generic_file_id")
            // stats_storage_records_live (074): one cell, the number of rows (a file's records are few: counted).
            .cells(CountCells.of("storage_records"))
            .build();

    /** users_view. */
    public static final ListSpec USERS = ListSpec.builder("users", "users_view")
            .filter("name", TEXT, EQ, CONTAINS)
            .filter("email", TEXT, EQ, CONTAINS)
            .filter("institution_id", INTEGER, EQ, IN)
            .oneOf("role", Vocabulary.ROLES, ONE_OR_MANY)
            .filter("deactivated_at", TIMESTAMP, IS_NULL, NOT_NULL)
            .columns("account_confirmed", "authy_id", "authy_status", "awaiting_second_factor",
                    "confirmed_two_factor", "consumed_timestep", "created_at", "current_sign_in_at",
                    "current_sign_in_ip", "deactivated_at", "email", "email_verified", "enabled_two_factor",
                    "encrypted_otp_sent_at", "force_password_update", "grace_period", "id",
                    "initial_password_updated", "institution_id", "institution_identifier", "institution_name",
                    "institution_state", "institution_type", "last_sign_in_at", "last_sign_in_ip",
                    "last_sign_in_with_authy", "member_institution_id", "member_institution_identifier",
                    "member_institution_name", "member_institution_state", "name", "otp_enabled",
                    "otp_required_for_login", "password_changed_at", "phone_number", "receiving_bucket",
                    "remember_created_at", "reset_password_sent_at", "restore_bucket", "role", "sign_in_count",
                    "updated_at")
            .sortable("id", "name", "email", "institution_name", "role", "last_sign_in_at", "enabled_two_factor",
                    "deactivated_at")
            .defaultSort(Sort.asc("name"))
            .determinedBy("institution_id", "institution_identifier", "institution_name", "member_institution_identifier",
                    "member_institution_name")
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
            .columns("action", "alt_identifier", "aptrust_approver", "bag_date", "bag_group_identifier",
                    "bagit_profile_identifier", "bucket", "created_at", "date_processed", "deletion_request_id",
                    "etag", "generic_file_id", "generic_file_identifier", "id", "inst_approver", "institution_id",
                    "institution_identifier", "institution_name", "intellectual_object_id",
                    "internal_sender_identifier", "name", "needs_admin_review", "node", "note", "object_identifier",
                    "outcome", "pid", "queued_at", "retry", "size", "source_organization", "stage",
                    "stage_started_at", "status", "storage_option", "updated_at", "user")
            .sortable("id", "action", "name", "institution_name", "size", "stage", "status", "updated_at",
                    "date_processed")
            .defaultSort(Sort.desc("updated_at"))
            .countView("work_item_counts", "institution_id", "action")
            .baseTable("work_items", "alt_identifier", "bag_group_identifier", "bagit_profile_identifier",
                    "generic_file_identifier", "object_identifier", "storage_option", "institution_name")
            .planKeys("intellectual_object_id", "generic_file_id")
            .sortAlias("identifier", "object_identifier") // the API document's name; the view has no identifier
            .parent("generic_file_id")
            .parent("intellectual_object_id")
            .parent("institution_id", "id", "action", "name", "size", "stage", "status", "updated_at",
                    "date_processed")
            .determinedBy("institution_id", "institution_identifier", "institution_name")
            .joinedSort("institution_name", "institution_id", "institutions", "id", "name")
            .joinedSort("institution_identifier", "institution_id", "institutions", "id", "identifier")
            .determinedBy("intellectual_object_id", "object_identifier")
            .determinedBy("generic_file_id", "generic_file_identifier")
            // stats_work_items_live (073): per institution, action, stage, status and month of date_processed.
            .cells(CountCells.of("work_items").value("institution_id").value("action").value("stage").value("status")
                    .month("date_processed", "month"))
            .build();

    private Lists() {
    }
}
