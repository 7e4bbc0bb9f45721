package io.banwatch.agent.inventory.windows;

import io.banwatch.model.Software;

import java.util.List;

/**
 * Store (MSIX/AppX) apps from {@code Get-AppxPackage -AllUsers}.
 *
 * <p>Recorded entry of the {@code appx} section:
 * <pre>
 * {"Name":"MSTeams","Version":"24295.605.3225.8804","Publisher":"CN=Microsoft Corporation, O=Microsoft Corporation,
 * L=Redmond, S=Washington, C=US","PackageFamilyName":"MSTeams_8wekyb3d8bbwe","InstallLocation":"C:\\Program Files\\
 * WindowsApps\\MSTeams_24295.605.3225.8804_x64__8wekyb3d8bbwe","SignatureKind":3,"IsFramework":false,"NonRemovable":false}
 * </pre>
 * Frameworks (VCLibs, .NET Native runtimes) are libraries other apps depend on, not software anyone
 * installed, and are left out. The publisher is the certificate subject's common name; the package
 * family name is the stable identifier.
 */
public final class AppxPackages {
    public static final String SECTION = "appx";
    public static final String SOURCE = "windows-store";

    private AppxPackages() {
    }

    public static List<Software> parse(String json) {
        return PowerShellJson.each(json, app -> {
            String name = PowerShellJson.text(app, "Name");
            if (name == null || Boolean.TRUE.equals(PowerShellJson.bool(app, "IsFramework"))) {
                return null;
            }
            return new Software(name, PowerShellJson.text(app, "Version"),
                    commonName(PowerShellJson.text(app, "Publisher")), SOURCE, Software.MACHINE, null,
                    PowerShellJson.text(app, "PackageFamilyName"), null, PowerShellJson.text(app, "InstallLocation"));
        });
    }

    /**
     * The CN of a distinguished name such as {@code CN="Contoso, Ltd.", O=Contoso, C=US}; the whole
     * text when it has no CN, since a publisher without one is still worth showing.
     */
    static String commonName(String distinguishedName) {
        if (distinguishedName == null) {
            return null;
        }
        int at = 0;
        while (at < distinguishedName.length()) {
            int end = attributeEnd(distinguishedName, at);
            String attribute = distinguishedName.substring(at, end);
            int equals = attribute.indexOf('=');
            if (equals > 0 && attribute.substring(0, equals).strip().equalsIgnoreCase("CN")) {
                String value = attribute.substring(equals + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1).replace("\"\"", "\"");
                }
                return value.isEmpty() ? null : value;
            }
            at = end + 1;
        }
        return distinguishedName;
    }

    /** Where the attribute starting at {@code from} ends: the next comma outside quotes. */
    private static int attributeEnd(String dn, int from) {
        boolean quoted = false;
        for (int i = from; i < dn.length(); i++) {
            char c = dn.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                return i;
            }
        }
        return dn.length();
    }
}
