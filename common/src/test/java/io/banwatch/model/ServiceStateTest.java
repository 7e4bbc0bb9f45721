package io.banwatch.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceStateTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            // detail,                        state,         start mode, program, running, at boot, proves
            "Running Auto,                    Running,       Auto,       -,       true,  true,  INSTALLED",
            "Running Manual,                  Running,       Manual,     -,       true,  false, INSTALLED",
            "'Stopped Auto, program present', Stopped,       Auto,       true,    false, true,  INSTALLED",
            "'Stopped Auto, program missing', Stopped,       Auto,       false,   false, true,  REMNANT",
            // Nobody looked on the disk (an older agent's report): not taken for an install.
            "Stopped Auto,                    Stopped,       Auto,       -,       false, true,  REMNANT",
            "Stopped Manual,                  Stopped,       Manual,     -,       false, false, REMNANT",
            "Stopped Disabled,                Stopped,       Disabled,   -,       false, false, REMNANT",
            "Start Pending Auto,              Start Pending, Auto,       -,       true,  true,  INSTALLED",
            "Stop Pending Manual,             Stop Pending,  Manual,     -,       true,  false, INSTALLED",
            "Paused Manual,                   Paused,        Manual,     -,       true,  false, INSTALLED",
            "Unknown Manual,                  Unknown,       Manual,     -,       false, false, REMNANT",
            "Running,                         Running,       -,          -,       true,  false, INSTALLED",
            "Start Pending,                   Start Pending, -,          -,       true,  false, INSTALLED",
            "Auto,                            -,             Auto,       -,       false, true,  REMNANT",
            "'Stopped System, program present', Stopped,     System,     true,    false, true,  INSTALLED",
            "-,                               -,             -,          -,       false, false, REMNANT",
    })
    void readsBackWhatTheWindowsSourceWritesAndSaysWhatItProves(String detail, String state, String startMode,
                                                                 Boolean programPresent, boolean running, boolean atBoot,
                                                                 Presence proves) {
        ServiceState s = ServiceState.parse(detail);
        assertThat(s.state()).isEqualTo(state);
        assertThat(s.startMode()).isEqualTo(startMode);
        assertThat(s.programPresent()).isEqualTo(programPresent);
        assertThat(s.running()).isEqualTo(running);
        assertThat(s.startsAutomatically()).isEqualTo(atBoot);
        assertThat(s.servicePresence()).isEqualTo(proves);
        assertThat(s.detail()).isEqualTo(detail);
        assertThat(new ServiceState(state, startMode, programPresent).detail()).isEqualTo(detail);
    }

    @Test
    void aServiceEvidenceProvesWhatItsStateProvesAndADriverStaysARemnant() {
        assertThat(new Evidence(EvidenceKind.SERVICE, "windows-services", "AVP21.3", null, "Running Auto").presence())
                .isEqualTo(Presence.INSTALLED);
        assertThat(new Evidence(EvidenceKind.SERVICE, "windows-services", "AVP21.3", null, "Stopped Disabled").presence())
                .isEqualTo(Presence.REMNANT);
        assertThat(Evidence.of(EvidenceKind.SERVICE, "windows-services", "AVP21.3").presence()).isEqualTo(Presence.REMNANT);
        // Loaded kernel drivers outlive an uninstall until the next restart.
        assertThat(new Evidence(EvidenceKind.DRIVER, "windows-drivers", "klif", null, "Running System").presence())
                .isEqualTo(Presence.REMNANT);
        assertThat(new Evidence(EvidenceKind.PROCESS, "proc", "kesl", null, "Stopped").presence()).isEqualTo(Presence.INSTALLED);
        assertThat(ServiceState.of(Evidence.of(EvidenceKind.PATH, "path", "/opt/kaspersky"))).isNull();
    }

    @Test
    void aRunningServiceIsActiveProtectionEvenWithoutAProcessList() {
        SecurityProduct running = product(new Evidence(EvidenceKind.SERVICE, "windows-services", "CSFalconService", null,
                "Running Auto"));
        SecurityProduct stopped = product(new Evidence(EvidenceKind.SERVICE, "windows-services", "CSFalconService", null,
                "Stopped Manual"));
        assertThat(running.active()).isTrue();
        assertThat(running.installed()).isTrue();
        assertThat(stopped.active()).isFalse();
        assertThat(stopped.installed()).isFalse();
    }

    private static SecurityProduct product(Evidence evidence) {
        return new SecurityProduct("CrowdStrike", "CrowdStrike Falcon", null, "edr", null, null, null, List.of(evidence));
    }
}
