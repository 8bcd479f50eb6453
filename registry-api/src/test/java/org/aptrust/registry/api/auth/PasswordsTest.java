package org.aptrust.registry.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * bcrypt as every writer of the Registry's hashes wrote it. The expected hashes were made by another implementation
 * (libxcrypt, glibc's crypt(3)), so these check compatibility, not the library against itself.
 */
class PasswordsTest {

    /** "password" with one salt, under each prefix: the same algorithm, so the same digest. */
    private static final String A = "$2a$10$Zx9QmR3vT1bY7cK2wN5eLuhWB6WqHysVX8Jt/hkCo8KFq6l16IyT2";
    private static final String B = "$2b$10$Zx9QmR3vT1bY7cK2wN5eLuhWB6WqHysVX8Jt/hkCo8KFq6l16IyT2";
    private static final String Y = "$2y$10$Zx9QmR3vT1bY7cK2wN5eLuhWB6WqHysVX8Jt/hkCo8KFq6l16IyT2";

    /** The fixtures' hash of "password" (fixtures/users.csv), as the original's Go code wrote them. */
    private static final String FIXTURE = "$2a$10$ltWSm3LpO12w.uW9th/R4OlGZrRnfwn.7AhZLbK/mAid4oq1GdDDW";

    @Test
    void everyPrefixVerifies() {
        for (String hash : new String[] {A, B, Y, FIXTURE}) {
            assertThat(Passwords.matches("password", hash)).as(hash).isTrue();
            assertThat(Passwords.matches("Password", hash)).as(hash).isFalse();
            assertThat(Passwords.matches("", hash)).as(hash).isFalse();
        }
    }

    @Test
    void newHashesAre2aAtCost10AndVerify() {
        String hash = Passwords.hash("s3cret pass phrase");
        assertThat(hash).startsWith("$2a$10$").hasSize(60);
        assertThat(Passwords.matches("s3cret pass phrase", hash)).isTrue();
        assertThat(Passwords.matches("s3cret pass phrasE", hash)).isFalse();
        assertThat(Passwords.hash("s3cret pass phrase")).as("a new salt each time").isNotEqualTo(hash);
    }

    @Test
    void nonAsciiSecretsAreUtf8() {
        assertThat(Passwords.matches("p\u00e4ssw\u00f6rd-\u20ac",
                "$2a$10$Lm4Nb6Vc8Xz0Aq2Ws4Ed6OUjb/3YAS7FDqiC8nefziqH5XN7EtUrm")).isTrue();
    }

    @Test
    void onlyTheFirst72BytesCountAsEverywhereElse() {
        String longer = "correct horse battery staple ".repeat(4); // 116 bytes
        String hash = "$2b$10$Q1w2E3r4T5y6U7i8O9p0AuvwWNaqJ31hwrr.a/.VtgpXyIR3SCtZ2";
        assertThat(Passwords.matches(longer, hash)).isTrue();
        assertThat(Passwords.matches(longer.substring(0, 72), hash)).isTrue();
        assertThat(Passwords.matches(longer.substring(0, 71), hash)).isFalse();
        String ours = Passwords.hash(longer);
        assertThat(Passwords.matches(longer.substring(0, 72) + "anything", ours)).isTrue();
    }

    @Test
    void malformedOrMissingHashesNeverMatch() {
        assertThat(Passwords.matches("password", null)).isFalse();
        assertThat(Passwords.matches("password", "")).isFalse();
        assertThat(Passwords.matches("password", "not a hash")).isFalse();
        assertThat(Passwords.matches("password", "$2a$10$short")).isFalse();
        assertThat(Passwords.matches("password", "$2a$99$Zx9QmR3vT1bY7cK2wN5eLuhWB6WqHysVX8Jt/hkCo8KFq6l16IyT2"))
                .isFalse();
        assertThat(Passwords.matches(null, A)).isFalse();
        Passwords.burn(null);
    }
}
