package org.aptrust.registry.api.queue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The queue topic a work item goes to for its action (and, for ingests, the stage it resumes at). */
public final class QueueTopics {

    /** Ingest stages a requeue may resume at, in order, with their topics. */
    public static final Map<String, String> INGEST_STAGE_TOPICS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Receive", "ingest01_prefetch");
        m.put("Validate", "ingest02_bag_validation");
        m.put("Reingest Check", "ingest03_reingest_check");
        m.put("Copy To Staging", "ingest04_staging");
        m.put("Format Identification", "ingest05_format_identification");
        m.put("Store", "ingest06_storage");
        m.put("Storage Validation", "ingest07_storage_validation");
        m.put("Record", "ingest08_record");
        m.put("Cleanup", "ingest09_cleanup");
        INGEST_STAGE_TOPICS = java.util.Collections.unmodifiableMap(m);
    }

    private QueueTopics() {
    }

    public static Optional<String> topicFor(String action, String stage) {
        if (action == null) {
            return Optional.empty();
        }
        return switch (action) {
            case "Delete" -> Optional.of("delete_item");
            case "Restore File" -> Optional.of("restore_file");
            case "Restore Object" -> Optional.of("restore_object");
            case "Glacier Restore" -> Optional.of("restore_glacier");
            case "Ingest" -> Optional.ofNullable(INGEST_STAGE_TOPICS.get(stage));
            default -> Optional.empty();
        };
    }
}
