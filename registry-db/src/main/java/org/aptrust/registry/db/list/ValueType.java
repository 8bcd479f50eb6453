package org.aptrust.registry.db.list;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The type of a filterable column; a filter value is parsed into it before it is bound as a parameter. */
public enum ValueType {
    INTEGER("an integer"),
    BIGINT("an integer"),
    TIMESTAMP("a date (2024-01-31) or timestamp (2024-01-31T12:00:00Z)"),
    BOOLEAN("true or false"),
    TEXT("text"),
    ENUM("one of the allowed values");

    private final String description;

    ValueType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Parses a raw query-string value; throws IllegalArgumentException with a short reason. */
    Object parse(String raw) {
        String v = raw.strip();
        switch (this) {
            case INTEGER:
                return Integer.valueOf(v);
            case BIGINT:
                return Long.valueOf(v);
            case BOOLEAN:
                return parseBoolean(v);
            case TIMESTAMP:
                return parseTimestamp(v);
            default:
                return raw;
        }
    }

    static boolean parseBoolean(String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true":
            case "t":
            case "1":
            case "yes":
                return true;
            case "false":
            case "f":
            case "0":
            case "no":
                return false;
            default:
                throw new IllegalArgumentException("not a boolean");
        }
    }

    /** Dates, local date-times and offset date-times; everything is stored as UTC without zone. */
    static LocalDateTime parseTimestamp(String v) {
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay();
            }
            String t = v.replace(' ', 'T');
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(t).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
            return LocalDateTime.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date");
        }
    }
}
