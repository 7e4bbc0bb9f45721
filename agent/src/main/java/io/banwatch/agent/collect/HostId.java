package io.banwatch.agent.collect;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.UUID;

/**
 * Derives banwatch's host id from the machine's own id (machine-id, hardware UUID, MachineGuid).
 *
 * <p>The machine id itself is not sent: systemd documents /etc/machine-id as confidential and
 * asks applications to derive an app-specific id from it. We take HMAC-SHA256 keyed by the
 * machine id over a fixed application id and shape the first 16 bytes as a version-4 UUID, so
 * the id is stable across agent reinstalls, never the hostname, and useless to anyone else.
 */
public final class HostId {
    private static final byte[] APP_ID = "banwatch-host-id-v1".getBytes(StandardCharsets.US_ASCII);

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
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(normalised.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            byte[] h = mac.doFinal(APP_ID);
            h[6] = (byte) ((h[6] & 0x0f) | 0x40);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (h[i] & 0xff);
                lsb = (lsb << 8) | (h[8 + i] & 0xff);
            }
            return new UUID(msb, lsb).toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

}
