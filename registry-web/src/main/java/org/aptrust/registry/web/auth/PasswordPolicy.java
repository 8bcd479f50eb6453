package org.aptrust.registry.web.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be: the original's rule (lower case, upper case, a digit) with a longer minimum, at most
 * 72 bytes (bcrypt reads no further), not the account's email, and not one of the 10,000 most common passwords
 * (compared without case). The list is zxcvbn4j's {@code passwords.txt}, ranked by frequency, read from its jar.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_BYTES = 72;
    public static final int COMMON = 10_000;
    static final String LIST = "/com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt";

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = load();
    }

    /** How many common passwords are refused (the test checks the list was read whole). */
    public int commonCount() {
        return common.size();
    }

    /** Every reason the password is refused; empty when it is acceptable. */
    public List<String> problems(String password, String email) {
        List<String> out = new ArrayList<>();
        String p = password == null ? "" : password;
        if (p.codePointCount(0, p.length()) < MIN_LENGTH) {
            out.add("must be at least " + MIN_LENGTH + " characters long");
        }
        if (p.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            out.add("must be at most " + MAX_BYTES + " bytes long");
        }
        if (!p.chars().anyMatch(Character::isLowerCase)) {
            out.add("must contain a lower-case letter");
        }
        if (!p.chars().anyMatch(Character::isUpperCase)) {
            out.add("must contain an upper-case letter");
        }
        if (!p.chars().anyMatch(Character::isDigit)) {
            out.add("must contain a digit");
        }
        String lower = p.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            out.add("is one of the " + COMMON + " most common passwords");
        }
        if (email != null && !email.isBlank() && lower.contains(email.strip().toLowerCase(Locale.ROOT))) {
            out.add("must not contain your email address");
        }
        return out;
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException("the common-password list " + LIST + " is not on the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Set<String> set = new HashSet<>();
            String line;
            while (set.size() < COMMON && (line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    set.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
            return set;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
