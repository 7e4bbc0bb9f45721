package io.banwatch.agent.inventory.windows;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.banwatch.agent.inventory.windows.WindowsFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class Win32ServicesTest {
    private static List<Evidence> services(String fixture) {
        return Win32Services.parseServices(json(fixture, "services"));
    }

    private static List<Evidence> drivers(String fixture) {
        return Win32Services.parseDrivers(json(fixture, "drivers"));
    }

    @Test
    void servicesCarryTheirImagePathAndStateAndStartMode() {
        assertThat(services(WindowsFixtures.KES)).filteredOn(e -> !e.location().contains("svchost.exe"))
                .extracting(Evidence::name, Evidence::location, Evidence::detail)
                .containsExactly(
                        tuple("AVP.KES.21.9", "\"C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.6.0\\avp.exe\" -r", "Running Auto"),
                        tuple("avpsus.KES.21.9", "\"C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.6.0\\avpsus.exe\"",
                                "Running Auto"),
                        tuple("klnagent", "\"C:\\Program Files (x86)\\Kaspersky Lab\\NetworkAgent\\klnagent.exe\"",
                                "Running Auto"),
                        tuple("SecurityHealthService", "C:\\WINDOWS\\system32\\SecurityHealthService.exe", "Running Manual"),
                        tuple("Spooler", "C:\\WINDOWS\\System32\\spoolsv.exe", "Running Auto"),
                        tuple("WdNisSvc", "\"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\NisSrv.exe\"",
                                "Stopped Manual"),
                        tuple("WinDefend", "\"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe\"",
                                "Stopped Auto"));
        assertThat(services(WindowsFixtures.KES)).hasSize(24).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EvidenceKind.SERVICE);
            assertThat(e.source()).isEqualTo("windows-services");
        });
    }

    @Test
    void driversCarryTheirVersionedImageFiles() {
        assertThat(drivers(WindowsFixtures.KES)).filteredOn(e -> e.location().contains("\\DRIVERS\\"))
                .extracting(Evidence::name, Evidence::location, Evidence::detail)
                .containsExactly(
                        tuple("cm_km", "C:\\WINDOWS\\system32\\DRIVERS\\cm_km.sys", "Running System"),
                        tuple("klbackupdisk", "C:\\WINDOWS\\system32\\DRIVERS\\klbackupdisk.sys", "Running Boot"),
                        tuple("klbackupflt", "C:\\WINDOWS\\system32\\DRIVERS\\klbackupflt.KES-21-9.sys", "Running Boot"),
                        tuple("kldisk", "C:\\WINDOWS\\system32\\DRIVERS\\kldisk.sys", "Running Boot"),
                        tuple("klflt", "C:\\WINDOWS\\system32\\DRIVERS\\klflt.sys", "Running System"),
                        tuple("klgse", "C:\\WINDOWS\\system32\\DRIVERS\\klgse.sys", "Running System"),
                        tuple("klhk", "C:\\WINDOWS\\system32\\DRIVERS\\klhk.sys", "Running Boot"),
                        tuple("klif", "C:\\WINDOWS\\system32\\DRIVERS\\KLIF.KES-21-9.sys", "Running System"),
                        tuple("klkbdflt", "C:\\WINDOWS\\system32\\DRIVERS\\klkbdflt.sys", "Running Manual"),
                        tuple("klmouflt", "C:\\WINDOWS\\system32\\DRIVERS\\klmouflt.sys", "Running Manual"),
                        tuple("klupd_KES-21-9_arkmon", "C:\\WINDOWS\\system32\\DRIVERS\\klupd_KES-21-9_arkmon.sys", "Running System"),
                        tuple("klwtp", "C:\\WINDOWS\\system32\\DRIVERS\\klwtp.sys", "Running System"),
                        tuple("kneps", "C:\\WINDOWS\\system32\\DRIVERS\\kneps.sys", "Running System"));
        assertThat(drivers(WindowsFixtures.KES)).hasSize(21)
                .allSatisfy(e -> assertThat(e.kind()).isEqualTo(EvidenceKind.DRIVER))
                .allSatisfy(e -> assertThat(e.source()).isEqualTo("windows-drivers"));
    }

    @Test
    void remnantsAreRegisteredButStopped() {
        assertThat(services(WindowsFixtures.REMNANTS)).filteredOn(e -> e.name().startsWith("AVP"))
                .extracting(Evidence::name, Evidence::detail).containsExactly(tuple("AVP.KES.21.9", "Stopped Auto"));
        assertThat(drivers(WindowsFixtures.REMNANTS)).filteredOn(e -> e.name().startsWith("kl"))
                .extracting(Evidence::name, Evidence::detail)
                .containsExactly(tuple("klif", "Stopped System"), tuple("klmouflt", "Stopped Manual"));
        assertThat(drivers(WindowsFixtures.ULTRAAV)).filteredOn(e -> e.name().startsWith("kl"))
                .extracting(Evidence::name, Evidence::location, Evidence::detail)
                .containsExactly(tuple("klmouflt", "C:\\WINDOWS\\system32\\drivers\\K4W-21-17\\klmouflt.sys", "Running Manual"));
    }

    @Test
    void readsServerAndLocalizedServiceNames() {
        assertThat(services(WindowsFixtures.SERVER)).filteredOn(e -> e.location().contains("Kaspersky Lab"))
                .extracting(Evidence::name).containsExactly("KAVFS", "KAVFSGT", "kavfsslp", "klnagent");
        assertThat(drivers(WindowsFixtures.SERVER)).extracting(Evidence::name)
                .containsExactly("ACPI", "disk", "kbdclass", "klam", "klflt", "klif", "mouclass", "Tcpip", "vm3dmp");
        // Names stay English on a Russian build; only display names (not kept) are translated.
        assertThat(services(WindowsFixtures.KES_RUSSIAN)).extracting(Evidence::name)
                .contains("1C:Enterprise 8.3 Server Agent (x86-64)", "AVP.KES.21.9", "klnagent", "WinDefend");
        assertThat(services(WindowsFixtures.SINGLE_OBJECTS)).filteredOn(e -> e.name().equals("AppXSvc"))
                .extracting(Evidence::detail).containsExactly("Stopped Disabled");
        assertThat(services(WindowsFixtures.DECOYS)).filteredOn(e -> e.name().startsWith("k"))
                .extracting(Evidence::name, Evidence::location)
                .containsExactly(tuple("klauncher", "\"C:\\Program Files\\KasperTech\\Tools\\klauncher.exe\" --service"));
    }

    @Test
    void missingColumnsLeaveTheirFieldEmpty() {
        assertThat(Win32Services.parseServices("[{\"Name\":\"a\",\"State\":\"Running\"},{\"Name\":\"b\",\"StartMode\":\"Auto\"},"
                + "{\"Name\":\"c\"},{\"DisplayName\":\"no name\"}]"))
                .extracting(Evidence::name, Evidence::location, Evidence::detail)
                .containsExactly(tuple("a", null, "Running"), tuple("b", null, "Auto"), tuple("c", null, null));
    }
}
