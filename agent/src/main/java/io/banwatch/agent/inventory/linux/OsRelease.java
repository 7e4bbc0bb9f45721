package io.banwatch.agent.inventory.linux;

import java.util.HashMap;
import java.util.Map;

/**
 * Parses os-release(5): shell-style {@code KEY=value} lines, values optionally quoted.
 * <pre>
 * PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
 * NAME="Debian GNU/Linux"
 * VERSION_ID="12"
 * ID=debian
 * </pre>
 */
public final class OsRelease {
    private OsRelease() {
    }

    public static Map<String, String> parse(String content) {
        Map<String, String> out = new HashMap<>();
        for (String raw : content.split("\n")) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq <= 0) {
                continue;
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                    && value.charAt(value.length() - 1) == value.charAt(0)) {
                value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            out.put(line.substring(0, eq), value);
        }
        return out;
    }
}
