package io.banwatch.packaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The agent's timer and service and the collector's service. */
class SystemdUnitsTest {
    static Path agentUnits() {
        return Build.src().resolve("linux/agent/systemd");
    }

    @Test
    void timerRunsDailySpreadOverFourHoursAndCatchesUp() throws Exception {
        UnitFile timer = UnitFile.read(agentUnits().resolve("banwatch-scan.timer"));
        assertThat(timer.get("Timer", "OnCalendar")).isEqualTo("daily");
        assertThat(timer.get("Timer", "Persistent")).isEqualTo("true");
        assertThat(timer.get("Timer", "RandomizedDelaySec")).isEqualTo("4h");
        assertThat(timer.get("Timer", "AccuracySec")).isNotBlank();
        assertThat(timer.get("Install", "WantedBy")).isEqualTo("timers.target");
        // The timer activates the service of the same name (no Unit= pointing elsewhere).
        assertThat(timer.get("Timer", "Unit")).isNull();
    }

    @Test
    void serviceIsAOneshotScanThatSends() throws Exception {
        UnitFile service = UnitFile.read(agentUnits().resolve("banwatch-scan.service"));
        assertThat(service.get("Service", "Type")).isEqualTo("oneshot");
        assertThat(service.get("Service", "ExecStart")).isEqualTo("/opt/banwatch/bin/banwatch scan --send");
        // Exit 1 = findings, a successful scan.
        assertThat(service.get("Service", "SuccessExitStatus")).isEqualTo("1");
        assertThat(service.get("Service", "TimeoutStartSec")).isNotBlank();
        // Started only by the timer: no [Install] section to enable it at boot by itself.
        assertThat(service.sections()).doesNotContainKey("Install");
    }

    @Test
    void serviceIsHardenedButCanReadEverything() throws Exception {
        UnitFile service = UnitFile.read(agentUnits().resolve("banwatch-scan.service"));
        assertThat(service.get("Service", "NoNewPrivileges")).isEqualTo("yes");
        assertThat(service.get("Service", "ProtectSystem")).isEqualTo("strict");
        assertThat(service.get("Service", "ReadWritePaths").split("\\s+"))
                .containsExactlyInAnyOrder("/var/lib/banwatch", "/var/log/banwatch");
        assertThat(service.get("Service", "StateDirectory")).isEqualTo("banwatch");
        assertThat(service.get("Service", "LogsDirectory")).isEqualTo("banwatch");
        assertThat(service.get("Service", "PrivateTmp")).isEqualTo("yes");
        // Per-user installs must stay visible: home directories read-only, never hidden.
        assertThat(service.get("Service", "ProtectHome")).isIn(null, "no", "read-only");
        // Every process must stay visible in /proc.
        assertThat(service.get("Service", "ProtectProc")).isIn(null, "default");
        assertThat(service.get("Service", "ProcSubset")).isIn(null, "all");
        // Runs as root to read everything: no User=, and reading other users' files needs
        // CAP_DAC_READ_SEARCH.
        assertThat(service.get("Service", "User")).isIn(null, "root");
        assertThat(service.get("Service", "CapabilityBoundingSet")).contains("CAP_DAC_READ_SEARCH");
        // The JVM JIT needs writable+executable memory.
        assertThat(service.get("Service", "MemoryDenyWriteExecute")).isIn(null, "no");
        assertThat(service.get("Service", "PrivateNetwork")).isIn(null, "no");
        assertThat(service.keys("Service")).contains("ProtectKernelTunables", "ProtectControlGroups",
                "RestrictSUIDSGID", "SystemCallFilter", "RestrictAddressFamilies", "LockPersonality");
    }

    @Test
    void collectorRunsAsItsOwnUserWithItsStateDirectory() throws Exception {
        UnitFile service = UnitFile.read(Build.src().resolve("linux/server/systemd/banwatch-server.service"));
        assertThat(service.get("Service", "ExecStart")).isEqualTo(
                "/opt/banwatch-server/bin/banwatch-server serve --config /etc/banwatch-server/server.properties");
        assertThat(service.get("Service", "User")).isEqualTo("banwatch-server");
        assertThat(service.get("Service", "StateDirectory")).isEqualTo("banwatch-server");
        assertThat(service.get("Service", "NoNewPrivileges")).isEqualTo("yes");
        assertThat(service.get("Service", "ProtectSystem")).isEqualTo("strict");
        assertThat(service.get("Service", "ProtectHome")).isEqualTo("yes");
        assertThat(service.get("Service", "CapabilityBoundingSet")).isEmpty();
        assertThat(service.get("Service", "Restart")).isEqualTo("on-failure");
        assertThat(service.get("Install", "WantedBy")).isEqualTo("multi-user.target");
    }

    @Test
    void collectorHeapIsBoundedAndAnOutOfMemoryExitRestartsIt() throws Exception {
        UnitFile service = UnitFile.read(Build.src().resolve("linux/server/systemd/banwatch-server.service"));
        // Quoted as a whole: systemd would otherwise split the value at its spaces.
        assertThat(service.all("Service", "Environment")).containsExactly(
                "\"JAVA_OPTS=-Xms64m -Xmx320m -XX:+ExitOnOutOfMemoryError\"", "MALLOC_ARENA_MAX=2");
        assertThat(service.get("Service", "Restart")).isEqualTo("on-failure");
    }

    @Test
    void readerRejectsWhatSystemdWouldNotRead(@TempDir Path dir) throws Exception {
        for (String broken : List.of("Key=outside a section", "[Service]\nno equals sign")) {
            Path file = Files.writeString(dir.resolve("broken-" + broken.length() + ".service"), broken);
            assertThatThrownBy(() -> UnitFile.read(file)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
