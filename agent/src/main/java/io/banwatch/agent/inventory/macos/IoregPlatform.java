package io.banwatch.agent.inventory.macos;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the hardware UUID ("Hardware UUID" in System Information) from
 * {@code ioreg -rd1 -c IOPlatformExpertDevice}. Recorded on an Apple silicon Mac, abridged:
 * <pre>
 * +-o J316sAP  &lt;class IOPlatformExpertDevice, id 0x100000253, registered, matched, active, busy 0 (...), retain 37&gt;
 *     {
 *       "IOPlatformSerialNumber" = "..."
 *       "IOPlatformUUID" = "0855C949-4843-5BCC-B2D2-5F993C960C6E"
 *     }
 * </pre>
 * The UUID survives OS reinstalls and names the board, which makes it the host id's seed; the
 * serial number is never used.
 */
final class IoregPlatform {
    static final List<String> COMMAND = List.of("/usr/sbin/ioreg", "-rd1", "-c", "IOPlatformExpertDevice");
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern UUID_LINE = Pattern.compile("\"IOPlatformUUID\"\\s*=\\s*\"([^\"]*)\"");

    private IoregPlatform() {
    }

    /** The platform UUID, or null when the output has none. */
    static String uuid(String output) {
        Matcher m = UUID_LINE.matcher(output);
        while (m.find()) {
            String uuid = m.group(1).strip();
            if (!uuid.isEmpty()) {
                return uuid;
            }
        }
        return null;
    }
}
