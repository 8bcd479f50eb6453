package org.aptrust.registry.db.model;

import java.util.Arrays;
import java.util.List;

/**
 * The closed sets of values the Registry stores in its text columns (the original's constants). The list
 * whitelists accept only these for enum filters, and forms offer them as choices.
 */
public final class Vocabulary {

    /** state of institutions, objects and files: Active or Deleted. */
    public static final List<String> STATES = List.of("A", "D");

    public static final List<String> ACCESS = List.of("consortia", "institution", "restricted");

    public static final List<String> STORAGE_OPTIONS = List.of("Standard",
            "S3-VA", "S3-OH", "S3-OR",
            "Glacier-VA", "Glacier-OH", "Glacier-OR",
            "Glacier-Deep-VA", "Glacier-Deep-OH", "Glacier-Deep-OR",
            "Wasabi-VA", "Wasabi-OR", "Wasabi-TX");

    public static final List<String> CHECKSUM_ALGORITHMS = List.of("md5", "sha1", "sha256", "sha512");

    public static final List<String> WORK_ITEM_ACTIONS = List.of("Ingest", "Fixity Check", "Restore Object",
            "Restore File", "Glacier Restore", "Delete");

    /** The original spells "Available in S3" with a lower-case "in". */
    public static final List<String> WORK_ITEM_STAGES = List.of("Requested", "Receive", "Validate",
            "Reingest Check", "Copy To Staging", "Format Identification", "Store", "Storage Validation", "Record",
            "Cleanup", "Resolve", "Fetch", "Unpack", "Package", "Restoring", "Available in S3");

    public static final List<String> WORK_ITEM_STATUSES = List.of("Pending", "Started", "Success", "Failed",
            "Cancelled", "Suspended");

    /** Statuses after which a work item no longer blocks a restore or deletion of its object. */
    public static final List<String> WORK_ITEM_FINISHED_STATUSES = List.of("Success", "Failed", "Cancelled");

    /** PREMIS 3 event types the Registry records. */
    public static final List<String> EVENT_TYPES = List.of("access assignment", "accession", "capture",
            "compression", "creation", "deaccession", "decompression", "decryption", "deletion",
            "digital signature validation", "fixity check", "identifier assignment", "ingestion",
            "message digest calculation", "migration", "normalization", "replication", "validation",
            "virus check");

    public static final List<String> EVENT_OUTCOMES = List.of("Success", "Failed");

    public static final List<String> INSTITUTION_TYPES = List.of("MemberInstitution", "SubscriptionInstitution");

    public static final List<String> ROLES = Arrays.stream(Role.values()).map(Role::dbValue).toList();

    private Vocabulary() {
    }
}
