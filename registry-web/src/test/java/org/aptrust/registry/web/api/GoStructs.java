package org.aptrust.registry.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The structs the preservation services' Registry client decodes answers into (models/registry/*.go and the list
 * envelope of network/registry_response.go), written down as JSON field name to Go type, and a decoder that is as
 * strict as Go's encoding/json with them: a value of another JSON type than the field's is a failure (a string for
 * an int64, a number for a string), an int64 must be an integral number in range, a time.Time must be a string
 * RFC 3339 parses; null leaves a field at its zero value and unknown fields are ignored, as in Go.
 */
final class GoStructs {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** RFC 3339 as Go's time.Time.UnmarshalJSON requires it: seconds always, a fraction optional, Z or an offset. */
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    /** A Go field type: a scalar, or a slice of (pointers to) a struct. */
    sealed interface GoType permits Scalar, SliceOf, PointerToString {
    }

    enum Scalar implements GoType { INT64, INT, STRING, BOOL, TIME }

    record SliceOf(Struct element) implements GoType {
    }

    /** *string: a string or null. */
    record PointerToString() implements GoType {
    }

    record Struct(String name, Map<String, GoType> fields) {
    }

    private static Struct struct(String name, Object... nameAndType) {
        Map<String, GoType> fields = new LinkedHashMap<>();
        for (int i = 0; i < nameAndType.length; i += 2) {
            fields.put((String) nameAndType[i], (GoType) nameAndType[i + 1]);
        }
        return new Struct(name, fields);
    }

    private static final Scalar I64 = Scalar.INT64;
    private static final Scalar STR = Scalar.STRING;
    private static final Scalar TIME = Scalar.TIME;
    private static final Scalar BOOL = Scalar.BOOL;

    static final Struct CHECKSUM = struct("Checksum", "id", I64, "algorithm", STR, "digest", STR, "datetime", TIME,
            "generic_file_id", I64, "created_at", TIME, "updated_at", TIME, "generic_file_identifier", STR,
            "intellectual_object_id", I64, "institution_id", I64);

    static final Struct PREMIS_EVENT = struct("PremisEvent", "agent", STR, "created_at", TIME, "date_time", TIME,
            "detail", STR, "event_type", STR, "generic_file_id", I64, "generic_file_identifier", STR, "id", I64,
            "identifier", STR, "institution_id", I64, "intellectual_object_id", I64,
            "intellectual_object_identifier", STR, "object", STR, "outcome_detail", STR, "outcome_information", STR,
            "outcome", STR, "updated_at", TIME);

    static final Struct STORAGE_RECORD = struct("StorageRecord", "generic_file_id", I64, "id", I64, "url", STR);

    static final Struct GENERIC_FILE = struct("GenericFile", "checksums", new SliceOf(CHECKSUM),
            "created_at", TIME, "file_format", STR, "file_modified", TIME, "id", I64, "identifier", STR,
            "institution_id", I64, "intellectual_object_id", I64, "last_fixity_check", TIME,
            "premis_events", new SliceOf(PREMIS_EVENT), "size", I64, "state", STR, "storage_option", STR,
            "storage_records", new SliceOf(STORAGE_RECORD), "uuid", STR, "updated_at", TIME, "mtime", TIME);

    static final Struct INSTITUTION = struct("Institution", "created_at", TIME, "deactivated_at", TIME, "id", I64,
            "identifier", STR, "member_institution_id", I64, "name", STR, "otp_enabled", BOOL,
            "receiving_bucket", STR, "restore_bucket", STR, "state", STR, "type", STR, "updated_at", TIME);

    static final Struct INTELLECTUAL_OBJECT = struct("IntellectualObject", "access", STR, "alt_identifier", STR,
            "bag_group_identifier", STR, "bagit_profile_identifier", STR, "bag_name", STR, "created_at", TIME,
            "description", STR, "etag", STR, "file_count", I64, "size", I64, "id", I64, "identifier", STR,
            "internal_sender_description", STR, "internal_sender_identifier", STR, "institution_identifier", STR,
            "institution_id", I64, "payload_file_count", I64, "payload_size", I64, "source_organization", STR,
            "state", STR, "storage_option", STR, "title", STR, "updated_at", TIME);

    static final Struct WORK_ITEM = struct("WorkItem", "aptrust_approver", STR, "action", STR, "bag_date", TIME,
            "bucket", STR, "created_at", TIME, "date_processed", TIME, "deletion_request_id", I64, "etag", STR,
            "id", I64, "inst_approver", STR, "institution_id", I64, "name", STR, "needs_admin_review", BOOL,
            "node", STR, "note", STR, "outcome", STR, "pid", Scalar.INT, "queued_at", TIME, "retry", BOOL,
            "size", I64, "stage", STR, "stage_started_at", TIME, "status", STR, "updated_at", TIME, "user", STR,
            "generic_file_identifier", STR, "generic_file_id", I64, "intellectual_object_id", I64,
            "object_identifier", STR, "storage_option", STR);

    static final Struct FAILED_FIXITY_SUMMARY = struct("FailedFixitySummary", "failures", I64,
            "institution_id", I64, "institution_name", STR, "error", STR);

    /** The list envelope the client decodes every list into ({@code Count int; Next, Previous *string}). */
    static Struct listOf(Struct element) {
        return struct("list of " + element.name(), "count", Scalar.INT, "next", new PointerToString(),
                "previous", new PointerToString(), "results", new SliceOf(element));
    }

    private GoStructs() {
    }

    /** Decodes a body into the struct as Go would, failing (with the field's path) where Go would fail. */
    static JsonNode decode(String body, Struct struct) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
        decodeStruct(node, struct, struct.name());
        return node;
    }

    private static void decodeStruct(JsonNode node, Struct struct, String path) {
        if (node.isNull()) {
            return;
        }
        assertThat(node.isObject()).as(path + " must be a JSON object: " + node).isTrue();
        struct.fields().forEach((field, type) -> {
            JsonNode value = node.get(field);
            if (value != null && !value.isNull()) {
                decodeValue(value, type, path + "." + field);
            }
        });
    }

    private static void decodeValue(JsonNode value, GoType type, String path) {
        if (type == Scalar.INT64 || type == Scalar.INT) {
            assertThat(value.isIntegralNumber() && value.canConvertToLong()).as(path + " is an int64, not " + value)
                    .isTrue();
        } else if (type == Scalar.STRING || type instanceof PointerToString) {
            assertThat(value.isTextual()).as(path + " is a string, not " + value).isTrue();
        } else if (type == Scalar.BOOL) {
            assertThat(value.isBoolean()).as(path + " is a bool, not " + value).isTrue();
        } else if (type == Scalar.TIME) {
            assertThat(value.isTextual()).as(path + " is a time.Time (an RFC 3339 string), not " + value).isTrue();
            assertThat(rfc3339(value.asText())).as(path + ": RFC 3339 cannot parse " + value).isTrue();
        } else {
            assertThat(value.isArray()).as(path + " is a slice, not " + value).isTrue();
            for (int i = 0; i < value.size(); i++) {
                decodeStruct(value.get(i), ((SliceOf) type).element(), path + "[" + i + "]");
            }
        }
    }

    static boolean rfc3339(String text) {
        if (!RFC3339.matcher(text).matches()) {
            return false;
        }
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A time as Go's encoding/json writes a time.Time: RFC 3339 with nanoseconds, trailing zeros trimmed. */
    static String goTime(Instant t) {
        String whole = t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        if (t.getNano() == 0) {
            return whole;
        }
        String fraction = String.format("%09d", t.getNano()).replaceAll("0+$", "");
        return whole.substring(0, whole.length() - 1) + "." + fraction + "Z";
    }

    /** Go's zero time.Time, which the client sends for every time it has not set. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";
}
