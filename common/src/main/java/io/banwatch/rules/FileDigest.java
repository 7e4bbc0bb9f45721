package io.banwatch.rules;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of the bytes a pack or the catalog was loaded from, worked out the first time it is
 * asked for. Pack lists, audit reports and stored findings name it; a scan never does, and hashing
 * the built-in packs in a JVM that has just started was ~2 % of a scan's CPU (issue 14).
 */
final class FileDigest {
    private final byte[] bytes;
    // Null until asked. Two threads asking at once may both compute it: the same value either way.
    private volatile String hex;

    FileDigest(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The SHA-256 of the bytes, in lower-case hex. */
    String hex() {
        String h = hex;
        if (h == null) {
            h = HexFormat.of().formatHex(sha256().digest(bytes));
            hex = h;
        }
        return h;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
