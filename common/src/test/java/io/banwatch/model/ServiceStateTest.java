package io.banwatch.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceStateTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            // detail,                      state,           start mode, image missing, running, at boot, proves
            "Running Auto,                  Running,         Auto,       false, true,  true,  INSTALLED",
            "Running Manual,                Running,         Manual,     false, true,  false, INSTALLED",
            "Stopped Auto,                  Stopped,         Auto,       false, false, true,  INSTALLED",
            "'Stopped Auto, image missing', Stopped,         Auto,       true,  false, true,  REMNANT",
            "Stopped Manual,                Stopped,         Manual,     false, false, false, REMNANT",
            "Stopped Disabled,              Stopped,         Disabled,   false, false, false, REMNANT",
            "Start Pending Auto,            Start Pending,   Auto,       false, true,  true,  INSTALLED",
            "Stop Pending Manual,           Stop Pending,    Manual,     false, true,  false, INSTALLED",
            "Paused Manual,                 Paused,          Manual,     false, true,  false, INSTALLED",
            "Unknown Manual,                Unknown,         Manual,     false, false, false, REMNANT",
            "Running,                       Running,         -,          false, true,  false, INSTALLED",
            "Start Pending,                 Start Pending,   -,          false, true,  false, INSTALLED",
            "Auto,                          -,               Auto,       false, false, true,  INSTALLED",
            "Stopped System,                Stopped,         System,     false, false, true,  INSTALLED",
            "-,                             -,               -,          false, false, false, REMNANT",
    })
    void readsBackWhatTheWindowsSourceWritesAndSaysWhatItProves(String detail, String state, String startMode,
                                                                 boolean imageMissing, boolean running, boolean atBoot,
                                                                 Presence proves) {
        ServiceState s = ServiceState.parse(detail);
        assertThat(s.state()).isEqualTo(state);
        assertThat(s.startMode()).isEqualTo(startMode);
        assertThat(s.imageMissing()).isEqualTo(imageMissing);
        assertThat(s.running()).isEqualTo(running);
        assertThat(s.startsAutomatically()).isEqualTo(atBoot);
        assertThat(s.servicePresence()).isEqualTo(proves);
        assertThat(s.detail()).isEqualTo(detail);
        assertThat(new ServiceState(state, startMode, imageMissing).detail()).isEqualTo(detail);
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
