package org.aptrust.registry.web.pages;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

import org.aptrust.registry.db.model.Institution;
import org.aptrust.registry.db.model.Role;
import org.aptrust.registry.db.model.UserFields;
import org.aptrust.registry.web.auth.Viewer;

/**
 * The rules of the user form (the original's, plus ours): a name of 2-200 bytes, an email address, an optional
 * phone number with its country code, a role no higher than the acting user's own (and "admin" only at APTrust),
 * an institution (an institutional admin's own, whatever the form says), and when two-factor sign-in is required
 * the day by which the user must have turned it on.
 */
final class UserForm {

    static final String APTRUST_IDENTIFIER = "aptrust.org";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** The fields, or the problems (each naming its form field). */
    record Outcome(UserFields fields, List<EditFormView.Problem> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private UserForm() {
    }

    /**
     * @param values   the submitted form, by field name
     * @param before   the account as it is (null for a new one): a field not submitted keeps its value
     * @param targetId the account edited (0 for a new one)
     */
    static Outcome check(Map<String, String> values, UserFields before, int targetId, Viewer actor,
                         IntFunction<Optional<Institution>> institutions) {
        List<EditFormView.Problem> problems = new ArrayList<>();
        String name = value(values, "name", before == null ? null : before.name());
        if (name == null || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 2
                || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 200) {
            problems.add(new EditFormView.Problem("name", "must be 2 to 200 characters"));
        }
        String email = value(values, "email", before == null ? null : before.email());
        if (email == null || email.length() > 255 || !EMAIL.matcher(email).matches()) {
            problems.add(new EditFormView.Problem("email", "must be an email address"));
        }
        String phone = value(values, "phone_number", before == null ? null : before.phoneNumber());
        String normalPhone = phone == null ? null : normalPhone(phone);
        if (phone != null && !phone.isBlank() && normalPhone == null) {
            problems.add(new EditFormView.Problem("phone_number",
                    "must be a phone number with its country code, like +12125551212"));
        }

        String roleValue = value(values, "role", before == null ? null : before.role());
        Role role = roleValue == null ? null : Role.fromDb(roleValue);
        int problemsBeforeRole = problems.size();
        if (role == null || !role.dbValue().equals(roleValue)) {
            problems.add(new EditFormView.Problem("role", "must be one of " + String.join(", ", roleChoices(actor))));
            role = null;
        } else if (role.rank() > actor.role().rank()) {
            problems.add(new EditFormView.Problem("role", "cannot be above your own role (" + actor.role().dbValue()
                    + ")"));
        } else if (targetId == actor.id() && before != null && !role.dbValue().equals(before.role())) {
            problems.add(new EditFormView.Problem("role", "you cannot change your own role"));
        }

        Integer institutionId;
        if (actor.isAdmin()) {
            String raw = value(values, "institution_id", before == null ? null : String.valueOf(before.institutionId()));
            institutionId = raw != null && raw.matches("\\d{1,9}") ? Integer.valueOf(raw) : null;
        } else {
            institutionId = actor.institutionId(); // an institutional admin's users stay in their institution
        }
        Optional<Institution> institution = institutionId == null ? Optional.empty()
                : institutions.apply(institutionId);
        if (institution.isEmpty()) {
            problems.add(new EditFormView.Problem("institution_id", "must be an institution"));
        } else if (role == Role.ADMIN && problems.size() == problemsBeforeRole
                && !APTRUST_IDENTIFIER.equals(institution.get().identifier())) {
            problems.add(new EditFormView.Problem("role", "admin is only for users of APTrust (" + APTRUST_IDENTIFIER
                    + ")"));
        } else if (targetId == actor.id() && before != null && before.institutionId() != institutionId) {
            problems.add(new EditFormView.Problem("institution_id", "you cannot move your own account"));
        }

        String otpRaw = value(values, "otp_required_for_login",
                before == null ? "false" : String.valueOf(before.otpRequiredForLogin()));
        boolean otp = "true".equals(otpRaw);
        if (!"true".equals(otpRaw) && !"false".equals(otpRaw)) {
            problems.add(new EditFormView.Problem("otp_required_for_login", "must be true or false"));
        }
        String graceRaw = value(values, "grace_period",
                before == null || before.gracePeriod() == null ? null : before.gracePeriod().toString());
        LocalDate grace = null;
        if (graceRaw != null && !graceRaw.isBlank()) {
            try {
                grace = LocalDate.parse(graceRaw.strip());
                if (grace.getYear() < 2000 || grace.getYear() > 2099) {
                    problems.add(new EditFormView.Problem("grace_period", "must be a date between 2000 and 2099"));
                }
            } catch (DateTimeParseException e) {
                problems.add(new EditFormView.Problem("grace_period", "must be a date (yyyy-mm-dd)"));
            }
        } else if (otp) {
            problems.add(new EditFormView.Problem("grace_period",
                    "is required when two-factor sign-in is required: the day by which the user must turn it on"));
        }
        if (!problems.isEmpty()) {
            return new Outcome(null, problems);
        }
        return new Outcome(new UserFields(name, email, normalPhone, role.dbValue(), institutionId, otp, grace),
                List.of());
    }

    /** The roles the actor may give: none above their own. */
    static List<String> roleChoices(Viewer actor) {
        List<String> out = new ArrayList<>();
        for (Role r : Role.values()) {
            if (r.rank() <= actor.role().rank()) {
                out.add(r.dbValue());
            }
        }
        return out;
    }

    /** +digits (8 to 15, E.164); ten digits without a country code are a North American number (the original's). */
    static String normalPhone(String raw) {
        String s = raw.strip();
        if (s.isEmpty()) {
            return null;
        }
        boolean plus = s.startsWith("+");
        String digits = s.replaceAll("[\\s().-]", "");
        if (plus) {
            digits = digits.substring(1);
        }
        if (!digits.matches("\\d+")) {
            return null;
        }
        if (!plus && digits.length() == 10) {
            digits = "1" + digits;
        }
        return digits.length() >= 8 && digits.length() <= 15 ? "+" + digits : null;
    }

    private static String value(Map<String, String> values, String key, String dflt) {
        String v = values.get(key);
        return v == null ? dflt : v.strip();
    }

    /** The form's values for a page: the submitted ones over the record's. */
    static Map<String, String> shown(UserFields f, Map<String, String> submitted) {
        Map<String, String> m = new HashMap<>();
        if (f != null) {
            m.put("name", nz(f.name()));
            m.put("email", nz(f.email()));
            m.put("phone_number", nz(f.phoneNumber()));
            m.put("role", nz(f.role()));
            m.put("institution_id", f.institutionId() == 0 ? "" : String.valueOf(f.institutionId()));
            m.put("otp_required_for_login", String.valueOf(f.otpRequiredForLogin()));
            m.put("grace_period", f.gracePeriod() == null ? "" : f.gracePeriod().toString());
        }
        submitted.forEach((k, v) -> {
            if (v != null) {
                m.put(k, v);
            }
        });
        return m;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
