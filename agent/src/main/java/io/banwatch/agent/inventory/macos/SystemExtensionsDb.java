package io.banwatch.agent.inventory.macos;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses sysextd's database, {@code /Library/SystemExtensions/db.plist} (binary on disk; readable
 * by root with Full Disk Access). Recorded, as {@code plutil -p} prints it, abridged:
 * <pre>
 * "extensions" =&gt; [
 *   0 =&gt; {
 *     "categories" =&gt; [ "com.apple.system_extension.endpoint_security" ]
 *     "container" =&gt; { "bundlePath" =&gt; "/Applications/Falcon.app" }
 *     "identifier" =&gt; "com.crowdstrike.falcon.Agent"
 *     "originPath" =&gt; "/Applications/Falcon.app/Contents/Library/SystemExtensions/com.crowdstrike.falcon.Agent.systemextension"
 *     "state" =&gt; "activated_enabled"
 *     "teamID" =&gt; "X9E956P446"
 *   }
 * ]
 * </pre>
 * Rows that are not dictionaries or have no identifier are skipped; {@code container} is the
 * string "$null" once the app is gone, which is why the location comes from {@code originPath}.
 */
final class SystemExtensionsDb {
    private SystemExtensionsDb() {
    }

    static List<SystemExtension> parse(Plist db) {
        List<SystemExtension> out = new ArrayList<>();
        for (Plist row : db.dicts("extensions")) {
            String identifier = row.text("identifier");
            if (identifier != null) {
                out.add(new SystemExtension(identifier, row.text("teamID"), row.text("state"), row.text("originPath")));
            }
        }
        return out;
    }
}
