package io.banwatch.collector.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Random secrets and their hashes.
 *
 * <p>Tokens carry 256 random bits, so a fast hash is enough to store them: nobody can guess a
 * token from its SHA-256, and a fast hash lets us look a token up by its hash. (A slow password
 * hash protects low-entropy secrets; these are not.)
 */
public final class Secrets {
    private final SecureRandom random;

    public Secrets(SecureRandom random) {
        this.random = random;
    }

    /** 32 random bytes, base64url without padding (43 characters). */
    public String randomSecret() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The CSRF token of a session: an HMAC keyed with the session id, so it needs no storage and
     * cannot be computed without the id (which only the browser has; the database keeps its hash).
     */
    public static String csrfToken(String sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionId.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal("banwatch dashboard csrf".getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** Compares two secrets in time that does not depend on where they differ. */
    public static boolean sameSecret(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256Hex(a).getBytes(StandardCharsets.US_ASCII),
                sha256Hex(b).getBytes(StandardCharsets.US_ASCII));
    }
}
