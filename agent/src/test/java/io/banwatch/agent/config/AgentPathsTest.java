package io.banwatch.agent.config;

import io.banwatch.model.OsFamily;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each OS's usual places, from an injected OS family and environment; no real system directory is touched. */
class AgentPathsTest {
    @Test
    void linuxUsesEtcVarLibAndVarLog() {
        AgentPaths p = AgentPaths.forOs(OsFamily.LINUX, Map.of());
        assertThat(p.configFile()).isEqualTo(Path.of("/etc/banwatch/agent.conf"));
        assertThat(p.stateDir()).isEqualTo(Path.of("/var/lib/banwatch"));
        assertThat(p.logDir()).isEqualTo(Path.of("/var/log/banwatch"));
        assertThat(p.spoolDir()).isEqualTo(Path.of("/var/lib/banwatch/spool"));
        assertThat(p.tokenFile()).isEqualTo(Path.of("/var/lib/banwatch/host-token"));
        assertThat(p.statusFile()).isEqualTo(Path.of("/var/lib/banwatch/status.properties"));
    }

    @Test
    void macosUsesLibraryApplicationSupportAndLibraryLogs() {
        AgentPaths p = AgentPaths.forOs(OsFamily.MACOS, Map.of());
        assertThat(p.configFile()).isEqualTo(Path.of("/Library/Application Support/banwatch/agent.conf"));
        assertThat(p.stateDir()).isEqualTo(Path.of("/Library/Application Support/banwatch"));
        assertThat(p.logDir()).isEqualTo(Path.of("/Library/Logs/banwatch"));
    }

    @Test
    void windowsUsesProgramDataFromTheEnvironment() {
        AgentPaths p = AgentPaths.forOs(OsFamily.WINDOWS, Map.of("ProgramData", "D:\\Data"));
        Path data = Path.of("D:\\Data", "banwatch");
        assertThat(p.configFile()).isEqualTo(data.resolve("agent.conf"));
        assertThat(p.stateDir()).isEqualTo(data);
        assertThat(p.logDir()).isEqualTo(data.resolve("logs"));
        assertThat(p.configFile().toString()).startsWith("D:\\Data").endsWith("agent.conf");
    }

    @Test
    void windowsFallsBackToCProgramData() {
        AgentPaths p = AgentPaths.forOs(OsFamily.WINDOWS, Map.of());
        assertThat(p.stateDir()).isEqualTo(Path.of("C:\\ProgramData", "banwatch"));
        assertThat(p.configFile()).isEqualTo(Path.of("C:\\ProgramData", "banwatch", "agent.conf"));
        assertThat(p.logDir()).isEqualTo(Path.of("C:\\ProgramData", "banwatch", "logs"));
    }

    @Test
    void environmentVariablesMoveEachPlaceOnEveryOs() {
        Map<String, String> env = Map.of("BANWATCH_CONFIG", "/tmp/x/agent.conf", "BANWATCH_STATE_DIR", "/tmp/x/state",
                "BANWATCH_LOG_DIR", "/tmp/x/logs", "ProgramData", "D:\\Data");
        for (OsFamily os : OsFamily.values()) {
            AgentPaths p = AgentPaths.forOs(os, env);
            assertThat(p.configFile()).as(os.id()).isEqualTo(Path.of("/tmp/x/agent.conf"));
            assertThat(p.stateDir()).as(os.id()).isEqualTo(Path.of("/tmp/x/state"));
            assertThat(p.logDir()).as(os.id()).isEqualTo(Path.of("/tmp/x/logs"));
        }
        AgentPaths onlyLogs = AgentPaths.forOs(OsFamily.MACOS, Map.of("BANWATCH_LOG_DIR", "/tmp/x/logs"));
        assertThat(onlyLogs.configFile()).isEqualTo(Path.of("/Library/Application Support/banwatch/agent.conf"));
        assertThat(onlyLogs.logDir()).isEqualTo(Path.of("/tmp/x/logs"));
    }
}
