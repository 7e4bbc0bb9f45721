package io.banwatch.agent.inventory.windows;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.ServiceState;

import java.util.List;

/**
 * Services ({@code Win32_Service}) and kernel drivers ({@code Win32_SystemDriver}): the same
 * columns, so one parser reads both.
 *
 * <p>Recorded entries of the {@code services} and {@code drivers} sections:
 * <pre>
 * {"Name":"AVP.KES.21.9","DisplayName":"Kaspersky Endpoint Security Service","State":"Running","StartMode":"Auto",
 * "PathName":"\"C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.6.0\\avp.exe\" -r"}
 * {"Name":"klif","DisplayName":"klif","State":"Running","StartMode":"System",
 * "PathName":"C:\\WINDOWS\\system32\\DRIVERS\\KLIF.KES-21-9.sys"}
 * </pre>
 * The state goes into {@code detail} in {@link ServiceState}'s words ({@code "Running Auto"}), which
 * the rules read back: a service that runs proves an install, a stopped manual or disabled one
 * (which stays listed after its product is gone) only a remnant; for a stopped one that starts at
 * boot, {@link ServicePrograms} adds whether its program is still on the disk. The image path goes
 * into {@code location} because versioned driver files ({@code KLIF.KES-21-9.sys},
 * {@code drivers\K4W-21-17\}) identify a product where the short name does not.
 */
public final class Win32Services {
    public static final String SERVICES = "services";
    public static final String DRIVERS = "drivers";
    public static final String SERVICES_SOURCE = "windows-services";
    public static final String DRIVERS_SOURCE = "windows-drivers";

    private Win32Services() {
    }

    public static List<Evidence> parseServices(String json) {
        return parse(json, EvidenceKind.SERVICE, SERVICES_SOURCE);
    }

    public static List<Evidence> parseDrivers(String json) {
        return parse(json, EvidenceKind.DRIVER, DRIVERS_SOURCE);
    }

    private static List<Evidence> parse(String json, EvidenceKind kind, String source) {
        return PowerShellJson.each(json, entry -> {
            String name = PowerShellJson.text(entry, "Name");
            if (name == null) {
                return null;
            }
            return new Evidence(kind, source, name, PowerShellJson.text(entry, "PathName"),
                    ServiceState.reported(PowerShellJson.text(entry, "State"), PowerShellJson.text(entry, "StartMode"))
                            .detail());
        });
    }
}
