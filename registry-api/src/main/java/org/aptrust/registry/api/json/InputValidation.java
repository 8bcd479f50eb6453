package org.aptrust.registry.api.json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects what is wrong with a request body, field by field, and fails with one 400 that lists every problem
 * and names the first field and what it allows. Findings of rules the original does not have are warnings
 * ({@link #warnUnless}): reported to {@link StricterRules}, never a refusal.
 */
public final class InputValidation {

    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern HEX = Pattern.compile("^[0-9a-fA-F]+$");

    private record Problem(String field, String message, String allowed) {
    }

    private final List<Problem> problems = new ArrayList<>();
    private final StricterRules stricter;

    InputValidation(StricterRules stricter) {
        this.stricter = stricter;
    }

    /**
     * A rule stricter than the original's: when it does not hold, the finding is logged and counted under the
     * rule's name, and the request goes on.
     */
    public boolean warnUnless(boolean ok, String rule, String field, String message) {
        if (!ok) {
            stricter.report(rule, field, message);
        }
        return ok;
    }

    public void add(String field, String message, String allowed) {
        problems.add(new Problem(field, message, allowed));
    }

    public boolean check(boolean ok, String field, String message, String allowed) {
        if (!ok) {
            add(field, message, allowed);
        }
        return ok;
    }

    /** A value that must be present (strings: not blank). */
    public boolean required(String field, Object value) {
        boolean present = value != null && !(value instanceof String s && s.isBlank());
        return check(present, field, "is required", null);
    }

    public boolean oneOf(String field, String value, Collection<String> allowed) {
        return required(field, value) && check(allowed.contains(value), field, "'" + value + "' is not allowed",
                String.join(", ", allowed));
    }

    public boolean nonNegative(String field, Number value) {
        return required(field, value) && check(value.longValue() >= 0, field, "must be 0 or more, not " + value,
                "an integer of 0 or more");
    }

    public boolean uuid(String field, String value) {
        return required(field, value) && check(UUID.matcher(value).matches(), field, "'" + value
                + "' is not a UUID", "a UUID such as 5309c178-3485-4c6a-b59c-abf9bf8411a6");
    }

    public boolean email(String field, String value) {
        return required(field, value) && check(EMAIL.matcher(value).matches(), field, "'" + value
                + "' is not an email address", "an email address");
    }

    /** A digest's form: required (as in the original); its length and digits only warned about. */
    public boolean hex(String field, String value, int length) {
        return required(field, value) && warnUnless(value.length() == length && HEX.matcher(value).matches(),
                "digest_format", field, "'" + value + "' is not " + length + " hexadecimal digits");
    }

    public boolean maxLength(String field, String value, int max) {
        return value == null || check(value.length() <= max, field, "is longer than " + max + " characters",
                "at most " + max + " characters");
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Throws a 400 listing every problem found so far, if any. */
    public void failIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder();
        for (Problem p : problems) {
            if (message.length() > 0) {
                message.append("; ");
            }
            message.append(p.field()).append(": ").append(p.message());
        }
        Problem first = problems.get(0);
        throw ApiException.badRequest(first.field(), message.toString(), first.allowed());
    }
}
