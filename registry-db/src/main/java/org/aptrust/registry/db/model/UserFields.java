package org.aptrust.registry.db.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an administrator sets on an account (the original's user form): checked by the page before it gets here.
 *
 * @param gracePeriod the day by which the user must have turned two-factor sign-in on, when it is required
 */
public record UserFields(String name, String email, String phoneNumber, String role, int institutionId,
                         boolean otpRequiredForLogin, LocalDate gracePeriod) {

    /** The fields of {@code u} as they are now. */
    public static UserFields of(User u) {
        return new UserFields(u.name(), u.email(), u.phoneNumber(), u.role(),
                u.institutionId() == null ? 0 : u.institutionId(), Boolean.TRUE.equals(u.otpRequiredForLogin()),
                u.gracePeriod() == null ? null : u.gracePeriod().toLocalDate());
    }

    /** One line per field that differs from {@code before}, "field: old → new", for the account history. */
    public List<String> changesFrom(UserFields before) {
        List<String> out = new ArrayList<>();
        diff(out, "name", before.name, name);
        diff(out, "email", before.email, email);
        diff(out, "phone_number", before.phoneNumber, phoneNumber);
        diff(out, "role", before.role, role);
        diff(out, "institution_id", before.institutionId, institutionId);
        diff(out, "otp_required_for_login", before.otpRequiredForLogin, otpRequiredForLogin);
        diff(out, "grace_period", before.gracePeriod, gracePeriod);
        return out;
    }

    private static void diff(List<String> out, String field, Object before, Object after) {
        Object b = blankIsNull(before);
        Object a = blankIsNull(after);
        if (!Objects.equals(b, a)) {
            out.add(field + ": " + (b == null ? "(none)" : b) + " → " + (a == null ? "(none)" : a));
        }
    }

    private static Object blankIsNull(Object o) {
        return o instanceof String s && s.isBlank() ? null : o;
    }
}
