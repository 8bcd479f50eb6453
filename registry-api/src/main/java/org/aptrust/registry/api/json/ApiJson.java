package org.aptrust.registry.api.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.aptrust.registry.db.model.GenericFile;

/**
 * The API's JSON conventions. Field names are the columns' names (snake_case); timestamps, which the database
 * holds as UTC without a zone, are written as ISO-8601 UTC ({@code 2026-11-03T02:14:55Z}). Request bodies are
 * read leniently where the original's Go clients need it (unknown fields ignored; offsets and fractions in
 * timestamps; Go's zero time {@code 0001-01-01T00:00:00Z} meaning "not set") and strictly everywhere else, with
 * errors that name the field.
 */
public final class ApiJson {

    private static final DateTimeFormatter UTC_OUT = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private ApiJson() {
    }

    /** Applies the conventions to the application's mapper (the one Jersey writes responses with). */
    public static void configure(ObjectMapper mapper) {
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        SimpleModule module = new SimpleModule("registry-api-json");
        module.addSerializer(LocalDateTime.class, new UtcTimestampSerializer());
        module.setMixInAnnotation(GenericFile.class, OriginalFileNames.class);
        mapper.registerModule(module);
    }

    /**
     * The few fields whose JSON name in the original is not their column's: a file's mod_time is {@code mtime}
     * (the Go structs of the original and of its clients say so).
     */
    abstract static class OriginalFileNames {
        @JsonProperty("mtime")
        abstract LocalDateTime modTime();
    }

    /** A reader for request bodies of the given type, derived from the configured application mapper. */
    public static ObjectReader bodyReader(ObjectMapper configured, Class<?> type) {
        ObjectMapper m = configured.copy();
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        m.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        SimpleModule module = new SimpleModule("registry-api-input");
        module.addDeserializer(LocalDateTime.class, new LenientTimestampDeserializer());
        module.addDeserializer(String.class, new StorableStringDeserializer());
        m.registerModule(module);
        return m.readerFor(type);
    }

    /** Reads a request body, turning every problem into a 400 that names the field. */
    public static <T> T read(ObjectReader reader, InputStream body) {
        try {
            PushbackInputStream in = new PushbackInputStream(body, 1);
            int first = in.read();
            if (first < 0) {
                throw ApiException.badRequest("body", "the request body is empty", "a JSON document");
            }
            in.unread(first);
            T value = reader.readValue(in);
            if (value == null) {
                throw ApiException.badRequest("body", "the request body is null", "a JSON document");
            }
            return value;
        } catch (JsonParseException e) {
            throw ApiException.badRequest("body", "malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), "a JSON document");
        } catch (InvalidFormatException e) {
            String field = path(e);
            throw ApiException.badRequest(field, "'" + e.getValue() + "' is not a valid value for " + field,
                    describe(e.getTargetType()));
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw ApiException.badRequest(field, "wrong JSON type for " + field + ": " + e.getOriginalMessage(),
                    describe(e.getTargetType()));
        } catch (JsonMappingException e) {
            String field = path(e);
            throw ApiException.badRequest(field, "cannot read " + field + ": " + e.getOriginalMessage(), null);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("body", "cannot read the request body: " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw ApiException.badRequest("body", "cannot read the request body: " + e.getMessage(), null);
        }
    }

    private static String path(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return "body";
        }
        String joined = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == LocalDateTime.class) {
            return "an ISO-8601 timestamp (2024-01-31T12:00:00Z)";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        return "a JSON object";
    }

    /**
     * Refuses strings PostgreSQL cannot store (a NUL character), so the error names the field, and values that are
     * not strings at all.
     */
    static final class StorableStringDeserializer extends StdDeserializer<String> {
        StorableStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            // Go's encoding/json, which the original decoded bodies with, refuses a number or boolean for a string.
            if (p.currentToken() != null && p.currentToken().isScalarValue()
                    && p.currentToken() != JsonToken.VALUE_STRING) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && value.indexOf('\0') >= 0) {
                return (String) ctxt.handleWeirdStringValue(String.class, value.replace('\0', '?'),
                        "contains a NUL character, which cannot be stored");
            }
            return value;
        }
    }

    /** Writes a UTC LocalDateTime as ISO-8601 with a Z. */
    static final class UtcTimestampSerializer extends StdSerializer<LocalDateTime> {
        UtcTimestampSerializer() {
            super(LocalDateTime.class);
        }

        @Override
        public void serialize(LocalDateTime value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            char[] buf = new char[MAX_UTC_LENGTH];
            int length = formatUtc(value, buf);
            if (length < 0) {
                gen.writeString(UTC_OUT.format(value) + "Z");
            } else {
                gen.writeString(buf, 0, length);
            }
        }
    }

    /** The longest timestamp {@link #formatUtc} writes: {@code 2026-11-03T02:14:55.123456789Z}. */
    static final int MAX_UTC_LENGTH = 30;

    /**
     * Writes a timestamp exactly as {@code DateTimeFormatter.ISO_LOCAL_DATE_TIME} followed by "Z" would (seconds
     * always; a fraction only when non-zero, without trailing zeros), straight into buf, and returns its length;
     * -1 for a year outside 0000-9999, which the formatter writes with a sign. Every list row has two or three
     * timestamps, and the formatter's general machinery was a twentieth of an API list request's CPU.
     */
    static int formatUtc(LocalDateTime t, char[] buf) {
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return -1;
        }
        digits(buf, 0, year, 4);
        buf[4] = '-';
        digits(buf, 5, t.getMonthValue(), 2);
        buf[7] = '-';
        digits(buf, 8, t.getDayOfMonth(), 2);
        buf[10] = 'T';
        digits(buf, 11, t.getHour(), 2);
        buf[13] = ':';
        digits(buf, 14, t.getMinute(), 2);
        buf[16] = ':';
        digits(buf, 17, t.getSecond(), 2);
        int at = 19;
        int nano = t.getNano();
        if (nano > 0) {
            buf[at++] = '.';
            int width = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                width--;
            }
            digits(buf, at, nano, width);
            at += width;
        }
        buf[at++] = 'Z';
        return at;
    }

    /** value as exactly width decimal digits, zero-padded on the left. */
    private static void digits(char[] buf, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            buf[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * Reads timestamps as clients send them: with an offset or Z (converted to UTC), without one (taken as UTC),
     * with a space instead of T, or as a bare date. Go's zero time, which its clients send for "not set", is null.
     */
    static final class LenientTimestampDeserializer extends StdDeserializer<LocalDateTime> {
        LenientTimestampDeserializer() {
            super(LocalDateTime.class);
        }

        @Override
        public LocalDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalDateTime) ctxt.handleUnexpectedToken(LocalDateTime.class, p);
            }
            String text = p.getText().strip();
            if (text.isEmpty()) {
                return null;
            }
            LocalDateTime parsed = parse(text);
            if (parsed == null) {
                return (LocalDateTime) ctxt.handleWeirdStringValue(LocalDateTime.class, text,
                        "not an ISO-8601 timestamp");
            }
            return parsed.getYear() <= 1 ? null : parsed;
        }

        static LocalDateTime parse(String text) {
            try {
                if (text.length() == 10) {
                    return LocalDate.parse(text).atStartOfDay();
                }
                String t = text.replace(' ', 'T');
                if (t.endsWith("z")) {
                    t = t.substring(0, t.length() - 1) + "Z";
                }
                if (t.matches(".*T.*[+-]\\d\\d\\d\\d$")) {
                    t = t.substring(0, t.length() - 2) + ":" + t.substring(t.length() - 2);
                }
                if (t.endsWith("Z") || t.matches(".*T.*[+-]\\d\\d:\\d\\d$")) {
                    return OffsetDateTime.parse(t).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
                }
                return LocalDateTime.parse(t);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
