package io.banwatch.agent.inventory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Real child processes: the shell this build machine has, nothing mocked. */
@DisabledOnOs(OS.WINDOWS)
class ProcessCommandRunnerTest {
    private final ProcessCommandRunner runner = new ProcessCommandRunner();

    @Test
    void aShortCommandGivesItsOutputExitCodeAndStderr() {
        CommandResult r = runner.run(List.of("/bin/sh", "-c", "printf 'héllo\\n'; printf oops >&2; exit 3"), null,
                Duration.ofSeconds(10));

        assertThat(r.stdout()).isEqualTo("héllo\n");
        assertThat(r.stderr()).isEqualTo("oops");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.failure()).isNull();
        assertThat(r.timedOut()).isFalse();
        assertThat(r.ok()).isFalse();
        assertThat(r.problem()).isEqualTo("exit code 3: oops");
    }

    @Test
    void stdinReachesTheCommandAndTheLocaleIsFixed() {
        CommandResult r = runner.run(List.of("/bin/sh", "-c", "cat; printf \" $LC_ALL\""), "script text", Duration.ofSeconds(10));

        assertThat(r.ok()).isTrue();
        assertThat(r.stdout()).isEqualTo("script text C.UTF-8");
    }

    @Test
    void aMissingProgramIsAFailedResultNotAnException() {
        assertThatCode(() -> runner.run(List.of("/nonexistent/banwatch-no-such-tool", "-v"), null, Duration.ofSeconds(5)))
                .doesNotThrowAnyException();
        CommandResult r = runner.run(List.of("/nonexistent/banwatch-no-such-tool", "-v"), null, Duration.ofSeconds(5));

        assertThat(r.ok()).isFalse();
        assertThat(r.timedOut()).isFalse();
        assertThat(r.exitCode()).isEqualTo(-1);
        assertThat(r.failure()).startsWith("/nonexistent/banwatch-no-such-tool: cannot run: ");
    }

    @Test
    void aCommandPastItsTimeoutIsKilledAndKeepsWhatItPrinted() {
        long start = System.nanoTime();
        // The sleep is a child of the shell: it has to die too, or its open stdout would hold the pipe.
        CommandResult r = runner.run(List.of("/bin/sh", "-c", "printf 'section one\\n'; sleep 30; printf never"), null,
                Duration.ofMillis(500));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(r.timedOut()).isTrue();
        assertThat(r.ok()).isFalse();
        assertThat(r.exitCode()).isEqualTo(-1);
        assertThat(r.failure()).isEqualTo("/bin/sh: timed out after 500 ms");
        assertThat(r.stdout()).isEqualTo("section one\n");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }
}
