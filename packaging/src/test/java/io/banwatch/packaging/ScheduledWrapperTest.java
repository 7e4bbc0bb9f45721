package io.banwatch.packaging;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** macOS bin/banwatch-scheduled: the random delay launchd lacks, read from agent.conf. */
class ScheduledWrapperTest {
    @TempDir
    Path tmp;
    Path wrapper;

    @BeforeEach
    void install() throws Exception {
        assumeTrue(Shell.available(), "needs /bin/sh");
        wrapper = Shell.copyExecutable(Build.src().resolve("macos/banwatch-scheduled"), tmp.resolve("bin/banwatch-scheduled"));
        // A stand-in for bin/banwatch that shows how it was called.
        Shell.script(tmp.resolve("bin/banwatch"), "#!/bin/sh\necho \"banwatch $*\"\nexit 1\n");
    }

    Shell.Result run(String conf) throws Exception {
        Path file = Files.writeString(tmp.resolve("agent.conf"), conf);
        return Shell.run(List.of(wrapper.toString(), "scan", "--send"), Map.of("BANWATCH_CONF", file.toString()), 20);
    }

    @Test
    void runsTheAgentWithItsArgumentsAndExitCode() throws Exception {
        Shell.Result r = run("schedule.window-minutes=0\n");
        assertThat(r.out()).isEqualTo("banwatch scan --send\n");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void theLastSettingWinsAsInJavaProperties() throws Exception {
        // Were the first value used, it would sleep up to 5 hours and time out.
        Shell.Result r = run("schedule.window-minutes=300\n# later override\n  schedule.window-minutes = 0\n");
        assertThat(r.out()).isEqualTo("banwatch scan --send\n");
    }

    @Test
    void aWindowOfOneMinuteWaitsLessThanAMinute() throws Exception {
        // The delay is announced before the sleep; it must be inside the window.
        Path file = Files.writeString(tmp.resolve("agent.conf"), "schedule.window-minutes=1\n");
        ProcessBuilder pb = new ProcessBuilder(wrapper.toString(), "scan");
        pb.environment().put("BANWATCH_CONF", file.toString());
        Process p = pb.start();
        try {
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
            assertThat(first).matches("banwatch-scheduled: \\S+ waiting \\d+s \\(window 1 min\\)");
            int seconds = Integer.parseInt(first.replaceAll(".* waiting (\\d+)s .*", "$1"));
            assertThat(seconds).isBetween(0, 59);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
