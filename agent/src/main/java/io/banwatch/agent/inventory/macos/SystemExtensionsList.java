package io.banwatch.agent.inventory.macos;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the output of {@code systemextensionsctl list}, used when db.plist cannot be read.
 * Recorded on macOS 15 (columns are tab-separated; 13 and 14 print the category without the hint):
 * <pre>
 * 2 extension(s)
 * --- com.apple.system_extension.network_extension (Go to 'System Settings &gt; General &gt; ...' to modify these system extension(s))
 * enabled	active	teamID	bundleID (version)	name	[state]
 * *	*	2Y8XE5CQ94	com.kaspersky.kav.sysext (21.24.1.21/21.24.1.21)	com.kaspersky.kav.sysext	[activated enabled]
 * --- com.apple.system_extension.endpoint_security (Go to ...)
 * enabled	active	teamID	bundleID (version)	name	[state]
 * *	*	2Y8XE5CQ94	com.kaspersky.kav.sysext (21.24.1.21/21.24.1.21)	com.kaspersky.kav.sysext	[activated enabled]
 * </pre>
 * An extension in two categories is listed twice and reported once. Blank columns are empty or a
 * single space; versions may nest parentheses ("(2.0 beta (3)/3)"). The state is given with
 * underscores, as in db.plist ("activated_enabled"). Other lines (the count, category headers,
 * the column header, a "Category:" line) are skipped.
 */
final class SystemExtensionsList {
    private SystemExtensionsList() {
    }

    static List<SystemExtension> parse(String output) {
        Set<SystemExtension> out = new LinkedHashSet<>();
        for (String line : output.split("\n")) {
            String[] columns = line.split("\t", -1);
            if (columns.length < 6 || columns[3].strip().startsWith("bundleID")) {
                continue;
            }
            String bundle = columns[3].strip();
            int version = bundle.indexOf(" (");
            String identifier = version < 0 ? bundle : bundle.substring(0, version);
            if (!identifier.isEmpty()) {
                out.add(new SystemExtension(identifier, blankToNull(columns[2]), state(columns[5]), null));
            }
        }
        return new ArrayList<>(out);
    }

    private static String state(String column) {
        String s = column.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s.isEmpty() ? null : s.replace(' ', '_').toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String column) {
        String s = column.strip();
        return s.isEmpty() ? null : s;
    }
}
