package io.banwatch.agent.inventory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * Derives banwatch's host id from the machine's own id (machine-id, hardware UUID, MachineGuid).
 *
 * <p>The machine id itself is not sent: systemd documents /etc/machine-id as confidential and
 * asks applications to derive an app-specific id from it. We take HMAC-SHA256 keyed by the
 * machine id over a fixed application id and shape the first 16 bytes as a version-4 UUID, so
 * the id is stable across agent reinstalls, never the hostname, and useless to anyone else.
 *
 * <p>The HMAC (RFC 2104) is written over {@link MessageDigest} rather than {@code javax.crypto.Mac}:
 * the first {@code Mac} use loads and verifies the JCE provider machinery, about 40 ms of a
 * daily scan's cold start for one 32-byte hash. The result is identical (tested against Mac).
 */
public final class HostId {
    private static final byte[] APP_ID = "banwatch-host-id-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int SHA256_BLOCK = 64;

    private HostId() {
    }

    /** The host id for a machine id; null when the machine id is blank. */
    public static String derive(String machineId) {
        if (machineId == null) {
            return null;
        }
        String normalised = machineId.strip().toLowerCase(Locale.ROOT);
        if (normalised.isEmpty() || normalised.equals("uninitialized")) {
            return null;
        }
        byte[] h = hmacSha256(normalised.getBytes(StandardCharsets.US_ASCII), APP_ID);
        h[6] = (byte) ((h[6] & 0x0f) | 0x40);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (h[i] & 0xff);
            lsb = (lsb << 8) | (h[8 + i] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }

    static byte[] hmacSha256(byte[] key, byte[] message) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] k = Arrays.copyOf(key.length > SHA256_BLOCK ? sha.digest(key) : key, SHA256_BLOCK);
        byte[] innerPad = new byte[SHA256_BLOCK];
        byte[] outerPad = new byte[SHA256_BLOCK];
        for (int i = 0; i < SHA256_BLOCK; i++) {
            innerPad[i] = (byte) (k[i] ^ 0x36);
            outerPad[i] = (byte) (k[i] ^ 0x5c);
        }
        sha.update(innerPad);
        byte[] inner = sha.digest(message);
        sha.update(outerPad);
        return sha.digest(inner);
    }
}
