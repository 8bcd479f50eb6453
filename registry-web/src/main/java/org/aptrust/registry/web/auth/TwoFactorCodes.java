package org.aptrust.registry.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;

/**
 * The secrets of two-factor sign-in: authenticator (TOTP, RFC 6238: SHA-1, 6 digits, 30 s) secrets, encrypted at
 * rest with AES-GCM under a key derived from the session key (each previous session key still decrypts, so a key
 * rotation keeps enrolments); codes checked one step either side of now; the enrolment QR code; backup codes (only
 * their SHA-256 is kept) and texted codes.
 */
public final class TwoFactorCodes {

    public static final int PERIOD_SECONDS = 30;
    public static final int DIGITS = 6;
    public static final int BACKUP_CODES = 10;
    public static final String ISSUER = "APTrust Registry";
    private static final String BACKUP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<SecretKeySpec> keys = new ArrayList<>();
    private final CodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

    /** @param sessionKeys the signing key first, then the previous ones (WebSettings.sessionKeys()) */
    public TwoFactorCodes(List<byte[]> sessionKeys) {
        for (byte[] k : sessionKeys) {
            keys.add(new SecretKeySpec(derive(k), "AES"));
        }
    }

    /** A new authenticator secret (base32, 160 bits). */
    public String newSecret() {
        return new DefaultSecretGenerator(32).generate();
    }

    /** An encrypted secret as stored: base64 ciphertext and base64 IV. */
    public record Sealed(String cipherText, String iv) {
        /** Both in one string (a pending secret in its session row). */
        public String joined() {
            return iv + ":" + cipherText;
        }

        public static Sealed split(String joined) {
            int i = joined.indexOf(':');
            return new Sealed(joined.substring(i + 1), joined.substring(0, i));
        }
    }

    public Sealed seal(String secret) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(0), new GCMParameterSpec(128, iv));
            byte[] out = c.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
            return new Sealed(Base64.getEncoder().encodeToString(out), Base64.getEncoder().encodeToString(iv));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt", e);
        }
    }

    /** @throws IllegalStateException when no key (current or previous) opens it */
    public String open(Sealed sealed) {
        byte[] iv = Base64.getDecoder().decode(sealed.iv());
        byte[] in = Base64.getDecoder().decode(sealed.cipherText());
        for (SecretKeySpec key : keys) {
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
                return new String(c.doFinal(in), StandardCharsets.US_ASCII);
            } catch (GeneralSecurityException e) {
                // another key, perhaps
            }
        }
        throw new IllegalStateException("the two-factor secret opens with no configured session key");
    }

    /** The time step of {@code now}. */
    public static int step(Instant now) {
        return (int) (now.getEpochSecond() / PERIOD_SECONDS);
    }

    /** The step (now, or one either side) whose code {@code code} is, compared in constant time. */
    public OptionalInt matchingStep(String secret, String code, Instant now) {
        String c = code == null ? "" : code.replaceAll("\\s", "");
        if (!c.matches("\\d{" + DIGITS + "}")) {
            return OptionalInt.empty();
        }
        int found = -1;
        int current = step(now);
        for (int s = current - 1; s <= current + 1; s++) {
            if (MessageDigest.isEqual(codeAt(secret, s).getBytes(StandardCharsets.US_ASCII),
                    c.getBytes(StandardCharsets.US_ASCII))) {
                found = s;
            }
        }
        return found < 0 ? OptionalInt.empty() : OptionalInt.of(found);
    }

    public String codeAt(String secret, long step) {
        try {
            return generator.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("cannot compute a code", e);
        }
    }

    /** The enrolment QR code (an otpauth:// URI) as a PNG. */
    public byte[] qrPng(String secret, String account) {
        QrData data = new QrData.Builder().label(account).secret(secret).issuer(ISSUER)
                .algorithm(HashingAlgorithm.SHA1).digits(DIGITS).period(PERIOD_SECONDS).build();
        try {
            return new ZxingPngQrGenerator().generate(data);
        } catch (QrGenerationException e) {
            throw new IllegalStateException("cannot draw the QR code", e);
        }
    }

    /** Ten new backup codes, shown once ("abcde-fghjk": 50 random bits each). */
    public static List<String> newBackupCodes() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < BACKUP_CODES; i++) {
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < 10; j++) {
                if (j == 5) {
                    b.append('-');
                }
                b.append(BACKUP_ALPHABET.charAt(RANDOM.nextInt(BACKUP_ALPHABET.length())));
            }
            codes.add(b.toString());
        }
        return codes;
    }

    /** The stored form of a backup code: SHA-256 of the code without case, spaces or dashes. */
    public static byte[] backupHash(String code) {
        String normal = code == null ? "" : code.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
        try {
            return MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A six-digit code to text. */
    public static String newSmsCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    private static byte[] derive(byte[] sessionKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionKey, "HmacSHA256"));
            return mac.doFinal("registry two-factor secrets".getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
