package org.aptrust.registry.web.api;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request bodies as the original's clients send them (snake_case, Go-style timestamps). */
final class Bodies {

    static final String PROFILE =
            "https://raw.githubusercontent.com/APTrust/preservation-services/master/profiles/aptrust-v2.2.json";

    private Bodies() {
    }

    /** A UTC timestamp some seconds from now, as RFC 3339. */
    static String utc(long secondsFromNow) {
        return LocalDateTime.now(ZoneOffset.UTC).plusSeconds(secondsFromNow).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "Z";
    }

    static Map<String, Object> object(int institutionId, String identifier, String storageOption) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", 0);
        m.put("title", "A test bag");
        m.put("description", "Made by a test");
        m.put("identifier", identifier);
        m.put("access", "institution");
        m.put("institution_id", institutionId);
        m.put("state", "A");
        m.put("etag", "0123456789abcdef0123456789abcdef");
        m.put("storage_option", storageOption);
        m.put("bagit_profile_identifier", PROFILE);
        m.put("source_organization", "Test University");
        m.put("created_at", "0001-01-01T00:00:00Z");
        return m;
    }

    static Map<String, Object> file(int institutionId, int objectId, String identifier, String storageOption) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", 0);
        m.put("file_format", "text/plain");
        m.put("size", 1234);
        m.put("identifier", identifier);
        m.put("intellectual_object_id", objectId);
        m.put("state", "A");
        m.put("last_fixity_check", "0001-01-01T00:00:00Z");
        m.put("institution_id", institutionId);
        m.put("storage_option", storageOption);
        m.put("uuid", UUID.randomUUID().toString());
        m.put("checksums", new ArrayList<>());
        m.put("storage_records", new ArrayList<>());
        m.put("premis_events", new ArrayList<>());
        return m;
    }

    static Map<String, Object> checksum(Integer fileId, String algorithm, String digest) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", algorithm);
        m.put("datetime", utc(-60));
        m.put("digest", digest);
        if (fileId != null) {
            m.put("generic_file_id", fileId);
        }
        return m;
    }

    static Map<String, Object> event(Integer institutionId, Integer objectId, Integer fileId, String type,
                                     String outcome, String dateTime) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("identifier", UUID.randomUUID().toString());
        m.put("event_type", type);
        m.put("date_time", dateTime);
        m.put("outcome_detail", "sha256:abc");
        m.put("detail", "Fixity check against registered hash");
        m.put("outcome_information", "Fixity matches");
        m.put("object", "Go language crypto/sha256");
        m.put("agent", "http://golang.org/pkg/crypto/sha256/");
        m.put("outcome", outcome);
        if (institutionId != null) {
            m.put("institution_id", institutionId);
        }
        if (objectId != null) {
            m.put("intellectual_object_id", objectId);
        }
        if (fileId != null) {
            m.put("generic_file_id", fileId);
        }
        return m;
    }

    static Map<String, Object> workItem(int institutionId, String name, String bucket) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", 0);
        m.put("name", name);
        m.put("etag", "0123456789abcdef0123456789abcdef");
        m.put("institution_id", institutionId);
        m.put("intellectual_object_id", 0);
        m.put("generic_file_id", 0);
        m.put("bucket", bucket);
        m.put("user", "system@aptrust.org");
        m.put("note", "Bag is in receiving bucket");
        m.put("action", "Ingest");
        m.put("stage", "Receive");
        m.put("status", "Pending");
        m.put("outcome", "Not started");
        m.put("bag_date", "2026-11-20T10:00:00-05:00");
        m.put("date_processed", utc(0));
        m.put("retry", true);
        m.put("node", "");
        m.put("pid", 0);
        m.put("needs_admin_review", false);
        m.put("queued_at", "0001-01-01T00:00:00Z");
        m.put("size", 4096);
        m.put("stage_started_at", "0001-01-01T00:00:00Z");
        return m;
    }

    static String hex(int length) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            sb.append(UUID.randomUUID().toString().replace("-", ""));
        }
        return sb.substring(0, length);
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }
}
