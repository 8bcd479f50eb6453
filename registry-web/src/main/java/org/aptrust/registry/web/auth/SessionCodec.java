package org.aptrust.registry.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks session cookie values and CSRF tokens with HMAC-SHA256.
 *
 * <p>A cookie value is {@code base64url(payload).base64url(hmac(payload))} with the payload
 * {@code v1|userId|issuedAtEpochSeconds|nonce}. The first key signs; every key verifies (key rotation).
 *
 * <p>The CSRF token is {@code hmac("csrf|" + nonce)}: tied to the session, never stored. Pages carry it masked
 * with a fresh random pad on every render ({@code hex(pad) + hex(pad xor token)}), so a compressed response never
 * repeats the secret bytes (the BREACH attack).
 */
public final class SessionCodec {

    private static final String VERSION = "v1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;

    private final List<byte[]> keys;
    private final Duration maxAge;

    public SessionCodec(List<byte[]> keys, Duration maxAge) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one session key");
        }
        this.keys = List.copyOf(keys);
        this.maxAge = maxAge;
    }

    public Duration maxAge() {
        return maxAge;
    }

    public String encode(WebSession s) {
        String payload = VERSION + "|" + s.userId() + "|" + s.issuedAt().getEpochSecond() + "|" + s.nonce();
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(p) + "." + B64.encodeToString(hmac(keys.get(0), p));
    }

    /** The session a cookie value carries, if it is ours, well formed and not expired at {@code now}. */
    public Optional<WebSession> decode(String value, Instant now) {
        if (value == null || value.length() > 512) {
            return Optional.empty();
        }
        int dot = value.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = B64D.decode(value.substring(0, dot));
            byte[] mac = B64D.decode(value.substring(dot + 1));
            if (keys.stream().noneMatch(k -> MessageDigest.isEqual(hmac(k, payload), mac))) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 4 || !parts[0].equals(VERSION)) {
                return Optional.empty();
            }
            Instant issued = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            if (!issued.plus(maxAge).isAfter(now) || issued.isAfter(now.plusSeconds(300))) {
                return Optional.empty();
            }
            return Optional.of(new WebSession(Integer.parseInt(parts[1]), issued, parts[3]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A masked CSRF token for a page (different on every call, all valid for the session). */
    public String maskedCsrfToken(WebSession s) {
        byte[] token = csrfToken(s);
        byte[] pad = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(pad);
        byte[] masked = new byte[TOKEN_BYTES];
        for (int i = 0; i < TOKEN_BYTES; i++) {
            masked[i] = (byte) (token[i] ^ pad[i]);
        }
        return HEX.formatHex(pad) + HEX.formatHex(masked);
    }

    /** True when a submitted (masked) token belongs to the session. */
    public boolean checkCsrfToken(WebSession s, String submitted) {
        if (s == null || submitted == null || submitted.length() != TOKEN_BYTES * 4) {
            return false;
        }
        try {
            byte[] pad = HEX.parseHex(submitted.substring(0, TOKEN_BYTES * 2));
            byte[] masked = HEX.parseHex(submitted.substring(TOKEN_BYTES * 2));
            byte[] token = new byte[TOKEN_BYTES];
            for (int i = 0; i < TOKEN_BYTES; i++) {
                token[i] = (byte) (masked[i] ^ pad[i]);
            }
            return MessageDigest.isEqual(token, csrfToken(s));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A signature of a message for this session only, for text a redirect carries in its URL to the next page (a
     * "done" line): a link someone else made, or this one in another session, does not verify.
     */
    public String signForSession(WebSession s, String message) {
        return HEX.formatHex(hmac(keys.get(0), ("note|" + s.nonce() + "|" + message)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** True when the signature is {@link #signForSession}'s for this session and message. */
    public boolean checkSessionSignature(WebSession s, String message, String signature) {
        if (s == null || message == null || signature == null) {
            return false;
        }
        return MessageDigest.isEqual(signForSession(s, message).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] csrfToken(WebSession s) {
        return hmac(keys.get(0), ("csrf|" + s.nonce()).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
