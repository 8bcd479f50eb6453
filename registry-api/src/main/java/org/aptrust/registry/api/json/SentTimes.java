package org.aptrust.registry.api.json;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A create or update answers with the times the client sent, at the precision it sent them. PostgreSQL keeps
 * microseconds, Go's clients send nanoseconds and compare the record they get back with the one they sent, as the
 * original's answers (its structs echoed) allowed. A stored time within a microsecond of the sent one is written
 * as sent; any other stored time (changed by the server, or not sent) is written as stored.
 */
public final class SentTimes {

    private static final long MICROSECOND_NANOS = 1_000;

    private final ObjectNode node;

    private SentTimes(ObjectNode node) {
        this.node = node;
    }

    /** The stored record as JSON, ready to take back the sent times. */
    public static SentTimes of(ObjectMapper mapper, Object stored) {
        return new SentTimes(mapper.valueToTree(stored));
    }

    /** The field as sent, when the stored value is that time to the microsecond. */
    public SentTimes with(String field, LocalDateTime sent) {
        restore(node, field, sent);
        return this;
    }

    /**
     * The same for each element of a nested array (a file's checksums or events), matched to what was sent by a
     * key field (digest, identifier): {@code sent} maps a key to that element's sent times by field.
     */
    public SentTimes withNested(String array, String key, Function<String, Map<String, LocalDateTime>> sent) {
        JsonNode elements = node.get(array);
        if (elements != null && elements.isArray()) {
            for (JsonNode element : elements) {
                JsonNode k = element.get(key);
                if (element instanceof ObjectNode o && k != null && k.isTextual()) {
                    sent.apply(k.asText()).forEach((field, time) -> restore(o, field, time));
                }
            }
        }
        return this;
    }

    public ObjectNode node() {
        return node;
    }

    private static void restore(ObjectNode node, String field, LocalDateTime sent) {
        JsonNode stored = node.get(field);
        if (sent == null || stored == null || !stored.isTextual()) {
            return;
        }
        LocalDateTime storedTime = ApiJson.LenientTimestampDeserializer.parse(stored.asText());
        if (storedTime != null && Math.abs(Duration.between(storedTime, sent).toNanos()) < MICROSECOND_NANOS) {
            char[] buf = new char[ApiJson.MAX_UTC_LENGTH];
            int length = ApiJson.formatUtc(sent, buf);
            if (length > 0) {
                node.put(field, new String(buf, 0, length));
            }
        }
    }
}
