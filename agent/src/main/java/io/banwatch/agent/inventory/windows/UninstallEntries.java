package io.banwatch.agent.inventory.windows;

import com.fasterxml.jackson.databind.JsonNode;
import io.banwatch.model.Software;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installed programs from the Uninstall registry keys, as "Apps and Features" lists them.
 *
 * <p>Recorded entry of the {@code uninstall-machine} section (one element of the array):
 * <pre>
 * {"PSPath":"Microsoft.PowerShell.Core\\Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\
 * CurrentVersion\\Uninstall\\{9A017278-F7F4-4DF9-A482-0B97B70DD7ED}","PSChildName":"{9A017278-F7F4-4DF9-A482-0B97B70DD7ED}",
 * "DisplayName":"Kaspersky Endpoint Security for Windows","DisplayVersion":"12.6.0.438","Publisher":"AO Kaspersky Lab",
 * "InstallDate":"20240917","InstallLocation":"C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.6.0\\","SystemComponent":null,
 * "ParentKeyName":null,"ReleaseType":null,"WindowsInstaller":1}
 * </pre>
 * The {@code uninstall-users} section has the same entries plus {@code "Sid"}. Like Apps and
 * Features, entries without a DisplayName, hidden ones ({@code SystemComponent=1}) and updates that
 * belong to another entry ({@code ParentKeyName}) are left out. The identifier is the key's own name
 * (often an MSI product code), so a product can be recognised whatever its display language.
 */
public final class UninstallEntries {
    public static final String MACHINE_SECTION = "uninstall-machine";
    public static final String USERS_SECTION = "uninstall-users";
    public static final String SOURCE = "windows-uninstall";

    private static final DateTimeFormatter INSTALL_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    // A hive the script loaded itself is mounted as banwatch_<SID>.
    private static final Pattern USER_HIVE = Pattern.compile("HKEY_USERS\\\\(?:banwatch_)?(S-1-[0-9-]+)\\\\",
            Pattern.CASE_INSENSITIVE);

    private UninstallEntries() {
    }

    /** Machine-wide entries (HKLM, native and WOW6432Node views). */
    public static List<Software> parseMachine(String json) {
        return PowerShellJson.each(json, entry -> software(entry, Software.MACHINE));
    }

    /** Per-user entries; each is scoped {@code user:<SID>}. */
    public static List<Software> parseUsers(String json) {
        return PowerShellJson.each(json, entry -> {
            String sid = PowerShellJson.text(entry, "Sid");
            if (sid == null) {
                sid = sidFromPath(PowerShellJson.text(entry, "PSPath"));
            }
            return software(entry, "user:" + (sid == null ? "unknown" : sid));
        });
    }

    private static Software software(JsonNode entry, String scope) {
        String name = PowerShellJson.text(entry, "DisplayName");
        Long systemComponent = PowerShellJson.number(entry, "SystemComponent");
        if (name == null || (systemComponent != null && systemComponent == 1)
                || PowerShellJson.text(entry, "ParentKeyName") != null) {
            return null;
        }
        return new Software(name, PowerShellJson.text(entry, "DisplayVersion"), PowerShellJson.text(entry, "Publisher"),
                SOURCE, scope, null, PowerShellJson.text(entry, "PSChildName"),
                installDate(PowerShellJson.text(entry, "InstallDate")), PowerShellJson.text(entry, "InstallLocation"));
    }

    /** InstallDate is free text by convention yyyyMMdd; anything else is unknown. */
    static LocalDate installDate(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text, INSTALL_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String sidFromPath(String psPath) {
        if (psPath == null) {
            return null;
        }
        Matcher m = USER_HIVE.matcher(psPath);
        return m.find() ? m.group(1) : null;
    }
}
