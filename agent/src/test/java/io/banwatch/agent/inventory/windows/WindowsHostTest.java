package io.banwatch.agent.inventory.windows;

import io.banwatch.agent.inventory.HostId;
import io.banwatch.model.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.banwatch.agent.inventory.windows.WindowsFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowsHostTest {
    @ParameterizedTest
    @CsvSource({
            "clean-win11, PC-FIN-0142, Microsoft Windows 11 Pro, 10.0.22631, 22631, corp.contoso.com, 6c1f2a9e-3b7d-4e58-9a0c-2f8d71e4b5a3",
            "kes12-with-agent, WS-ACC-0231, Microsoft Windows 10 Enterprise, 10.0.19045, 19045, ad.northwind-logistik.de, d2f0c6b4-91a7-4e3c-8b55-7f1e0a9c3d62",
            "kes-russian, BUH-PC07, Майкрософт Windows 10 Pro, 10.0.19045, 19045, office.local, 9e4b7a10-5c2d-4f8e-a613-0d7b92c4e5f1",
            "network-agent-only, FAB-WS-1187, Microsoft Windows 10 Enterprise, 10.0.19045, 19045, corp.fabrikam.com, 41a9d3e7-0b6c-4f25-8e17-c5d2a8f06b93",
            "kaspersky-remnants, PC-HR-0077, Microsoft Windows 11 Enterprise, 10.0.22631, 22631, corp.contoso.com, b7e3f8a2-64d1-4c9b-a05e-1f2c3d4e5a6b",
            "ultraav-migrated, DESKTOP-K8J3QH2, Microsoft Windows 11 Home, 10.0.22631, 22631, , 0f8e7d6c-5b4a-4938-8271-6a5b4c3d2e1f",
            "server-2019-ksws, SRV-FS01, Microsoft Windows Server 2019 Standard, 10.0.17763, 17763, corp.contoso.com, a3c5e7f9-1b2d-4f60-8e91-7c3a5b2d4f86",
            "decoys, ENG-WS-2204, Microsoft Windows 11 Enterprise, 10.0.22631, 22631, corp.contoso.com, c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f",
            "single-objects, KIOSK-VM-03, Microsoft Windows 10 Enterprise LTSC 2019, 10.0.17763, 17763, , e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7",
    })
    void readsTheHostAndDerivesItsIdFromTheMachineGuid(String fixture, String hostname, String caption, String version,
                                                       String build, String domain, String machineGuid) {
        Host host = WindowsHost.parse(json(fixture, "host"));

        assertThat(host.id()).isEqualTo(HostId.derive(machineGuid)).doesNotContain(machineGuid.substring(0, 8))
                .isNotEqualTo(hostname);
        assertThat(host.hostname()).isEqualTo(hostname);
        assertThat(host.os().family()).isEqualTo("windows");
        assertThat(host.os().name()).isEqualTo(caption);
        assertThat(host.os().version()).isEqualTo(version);
        assertThat(host.os().build()).isEqualTo(build);
        // Every fixture is 64-bit, in English or Russian ("64-разрядная").
        assertThat(host.arch()).isEqualTo("x86_64");
        // A workgroup machine reports "WORKGROUP" as its Domain, which is no domain.
        assertThat(host.domain()).isEqualTo(domain);
    }

    @ParameterizedTest
    @CsvSource({"64-bit, x86_64", "32-bit, i686", "64-разрядная, x86_64", "32-разрядная, i686", "64 Bit, x86_64",
            "ARM 64-bit Processor, aarch64", "AMD64, x86_64", "ARM64, aarch64", "x86, i686", "unbekannt,"})
    void normalisesLocalizedArchitectureNamesAndProcessorArchitectures(String text, String arch) {
        assertThat(WindowsHost.normaliseArch(text)).isEqualTo(arch);
    }

    @Test
    void aHostSectionWithoutMachineGuidCannotNameTheHost() {
        assertThatThrownBy(() -> WindowsHost.parse("{\"ComputerName\":\"A\",\"MachineGuid\":null}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the host section has no MachineGuid");
        assertThatThrownBy(() -> WindowsHost.parse("")).hasMessage("no host facts in the output");
    }

    @Test
    void readsTheMachineGuidFromRegExe() {
        String output = "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\r\n"
                + "    MachineGuid    REG_SZ    6c1f2a9e-3b7d-4e58-9a0c-2f8d71e4b5a3\r\n\r\n";

        assertThat(WindowsHost.machineGuidFromReg(output)).isEqualTo("6c1f2a9e-3b7d-4e58-9a0c-2f8d71e4b5a3");
        assertThat(WindowsHost.machineGuidFromReg("ERROR: The system was unable to find the specified registry key or value."))
                .isNull();
    }

    @Test
    void fallsBackToTheEnvironmentOfThe32BitProcessOn64BitWindows() {
        Map<String, String> env = Map.of("COMPUTERNAME", "PC-FIN-0142", "PROCESSOR_ARCHITECTURE", "x86",
                "PROCESSOR_ARCHITEW6432", "AMD64");

        Host host = WindowsHost.fromEnvironment(env::get, "6c1f2a9e-3b7d-4e58-9a0c-2f8d71e4b5a3");

        assertThat(host.id()).isEqualTo(WindowsHost.parse(json(WindowsFixtures.CLEAN, "host")).id());
        assertThat(host.hostname()).isEqualTo("PC-FIN-0142");
        assertThat(host.arch()).isEqualTo("x86_64");
        assertThat(host.os().family()).isEqualTo("windows");
        assertThat(host.os().name()).isNull();
    }

    @Test
    void withoutAnyMachineGuidTheIdIsDerivedFromTheHostNameButIsNotIt() {
        Host host = WindowsHost.fromEnvironment(Map.of("COMPUTERNAME", "PC-FIN-0142")::get, null);
        Host renamed = WindowsHost.fromEnvironment(Map.of("COMPUTERNAME", "PC-FIN-0143")::get, null);

        assertThat(host.id()).isNotBlank().isNotEqualTo("PC-FIN-0142").isNotEqualTo(renamed.id());
        assertThat(WindowsHost.fromEnvironment(Map.<String, String>of()::get, null).hostname()).isEqualTo("localhost");
    }
}
