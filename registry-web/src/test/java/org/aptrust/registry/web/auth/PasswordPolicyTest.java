package org.aptrust.registry.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The password rule: the original's classes, a longer minimum, bcrypt's 72 bytes, and the 10,000 commonest. */
class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void theWholeListOfCommonPasswordsIsRead() {
        assertThat(policy.commonCount()).isEqualTo(PasswordPolicy.COMMON);
    }

    @Test
    void eachRuleSaysWhatIsWrong() {
        assertThat(policy.problems("Tidal-Kestrel-42", "u@x.edu")).isEmpty();
        assertThat(policy.problems("Ab1", null)).containsExactly("must be at least 10 characters long");
        assertThat(policy.problems("alllowercase1", null)).containsExactly("must contain an upper-case letter");
        assertThat(policy.problems("ALLUPPERCASE1", null)).containsExactly("must contain a lower-case letter");
        assertThat(policy.problems("NoDigitsAtAll", null)).containsExactly("must contain a digit");
        // meets every class rule, but "password123" is among the most common (compared without case)
        assertThat(policy.problems("Password123", null)).containsExactly("is one of the 10000 most common passwords");
        assertThat(policy.problems("Ann@Inst1.edu-2024", "ann@inst1.edu"))
                .containsExactly("must not contain your email address");
        assertThat(policy.problems("Aa1" + "é".repeat(40), null)).containsExactly("must be at most 72 bytes long");
        assertThat(policy.problems(null, null)).contains("must be at least 10 characters long");
    }
}
