package io.banwatch.agent.inventory.windows;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Running programs from {@code Get-Process}, once per distinct name and path.
 *
 * <p>Recorded entries of the {@code processes} section:
 * <pre>
 * {"Name":"avp","Id":3720,"Path":null}
 * {"Name":"klnagent","Id":3904,"Path":"C:\\Program Files (x86)\\Kaspersky Lab\\NetworkAgent\\klnagent.exe"}
 * </pre>
 * The name comes without ".exe". The path is null for protected processes (Kaspersky's avp.exe,
 * MsMpEng.exe) even for an administrator, so the rules match on the name.
 */
public final class WindowsProcesses {
    public static final String SECTION = "processes";
    public static final String SOURCE = "windows-processes";

    private WindowsProcesses() {
    }

    public static List<Evidence> parse(String json) {
        Set<Evidence> distinct = new LinkedHashSet<>(PowerShellJson.each(json, entry -> {
            String name = PowerShellJson.text(entry, "Name");
            return name == null ? null
                    : new Evidence(EvidenceKind.PROCESS, SOURCE, name, PowerShellJson.text(entry, "Path"), null);
        }));
        return new ArrayList<>(distinct);
    }
}
