package org.aptrust.registry.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class SessionCodecTest {

    private static final byte[] KEY = "a-test-key-of-at-least-thirty-two-chars".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OLD = "the-previous-key-also-thirty-two-chars!".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final SessionCodec codec = new SessionCodec(List.of(KEY), Duration.ofHours(12));

    @Test
    void roundTripsUntilTheMaximumAge() {
        WebSession s = WebSession.signedIn(7, NOW);
        String v = codec.encode(s);
        assertThat(codec.decode(v, NOW)).contains(s);
        assertThat(codec.decode(v, NOW.plus(Duration.ofHours(12)).minusSeconds(1))).contains(s);
        assertThat(codec.decode(v, NOW.plus(Duration.ofHours(12)))).isEmpty();
    }

    @Test
    void refusesForgeriesAndGarbage() {
        String v = codec.encode(WebSession.signedIn(7, NOW));
        String other = new SessionCodec(List.of(OLD), Duration.ofHours(12)).encode(WebSession.signedIn(1, NOW));
        assertThat(codec.decode(other, NOW)).isEmpty();
        assertThat(codec.decode(v.substring(0, v.length() - 2) + "AA", NOW)).isEmpty();
        assertThat(codec.decode("", NOW)).isEmpty();
        assertThat(codec.decode("not-a-cookie", NOW)).isEmpty();
        assertThat(codec.decode("%%%.%%%", NOW)).isEmpty();
        assertThat(codec.decode(null, NOW)).isEmpty();
        // Issued in the future (a clock far off, or a forged time): refused.
        assertThat(codec.decode(codec.encode(WebSession.signedIn(7, NOW.plus(Duration.ofHours(1)))), NOW)).isEmpty();
    }

    @Test
    void previousKeysStillVerifyAfterARotation() {
        String signedWithOld = new SessionCodec(List.of(OLD), Duration.ofHours(12))
                .encode(WebSession.signedIn(3, NOW));
        SessionCodec rotated = new SessionCodec(List.of(KEY, OLD), Duration.ofHours(12));
        assertThat(rotated.decode(signedWithOld, NOW)).map(WebSession::userId).contains(3);
        assertThat(rotated.encode(WebSession.signedIn(3, NOW))).isNotEqualTo(signedWithOld);
    }

    @Test
    void csrfTokensAreMaskedPerPageAndBoundToTheSession() {
        WebSession s = WebSession.signedIn(7, NOW);
        String a = codec.maskedCsrfToken(s);
        String b = codec.maskedCsrfToken(s);
        assertThat(a).isNotEqualTo(b).hasSize(128);
        assertThat(codec.checkCsrfToken(s, a)).isTrue();
        assertThat(codec.checkCsrfToken(s, b)).isTrue();
        assertThat(codec.checkCsrfToken(WebSession.signedIn(7, NOW), a)).isFalse();
        assertThat(codec.checkCsrfToken(s, a.substring(0, 127) + (a.endsWith("0") ? "1" : "0"))).isFalse();
        assertThat(codec.checkCsrfToken(s, null)).isFalse();
        assertThat(codec.checkCsrfToken(s, "xyz")).isFalse();
    }
}
