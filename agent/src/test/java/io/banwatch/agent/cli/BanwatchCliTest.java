package io.banwatch.agent.cli;

import io.banwatch.agent.Fixtures;
import io.banwatch.json.ReportCodec;
import io.banwatch.model.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line itself: dispatch, option syntax, help, and one-line errors for every mistake. */
class BanwatchCliTest {
    @TempDir
    Path root;

    private static void assertUsageError(CliRun run, String message) {
        assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().isEqualTo(message);
    }

    @Test
    void noArgumentsOrHelpListTheCommands() {
        for (String[] args : new String[][] {{}, {"--help"}, {"-h"}, {"help"}}) {
            CliRun run = CliRun.run(args);
            assertThat(run.exitCode()).isEqualTo(ExitCode.CLEAN);
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).startsWith("Usage: banwatch [-h | -V] COMMAND [OPTIONS]\n")
                    .contains("\n  scan      Lists installed software", "\n  enroll    ", "\n  send      ",
                            "\n  status    ", "Exit codes:");
        }
    }

    @Test
    void versionFromTheTopOrAnyCommand() {
        assertThat(CliRun.run("--version").out()).isEqualTo("banwatch test\n");
        assertThat(CliRun.run("-V").out()).isEqualTo("banwatch test\n");
        assertThat(CliRun.run("status", "-V").out()).isEqualTo("banwatch test\n");
    }

    @Test
    void aCommandsHelpListsEveryOptionWithItsValueAndWrapsLongDescriptions() {
        CliRun run = CliRun.run("scan", "--root", "/nowhere", "--help");
        assertThat(run.exitCode()).isEqualTo(ExitCode.CLEAN);
        String help = run.out();
        assertThat(help).startsWith("Usage: banwatch scan [OPTIONS]\n");
        assertThat(help).contains("      --as-of YYYY-MM-DD  Judge as on this date", "      --fail-on LEVEL ",
                "      --config FILE ", "      --collector URL ", "      --set KEY=VALUE ", "  -h, --help ",
                "  -V, --version ",
                "  0   no findings at or above --fail-on");
        assertThat(help.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        // A wrapped description continues under its own column.
        java.util.List<String> lines = help.lines().toList();
        int profile = lines.indexOf(lines.stream().filter(l -> l.contains("--profile PROFILE")).findFirst().orElseThrow());
        int column = lines.get(profile).indexOf("Compliance profile");
        assertThat(lines.get(profile + 1)).startsWith(" ".repeat(column)).doesNotStartWith(" ".repeat(column + 1));
        assertThat(CliRun.run("send", "--help").out()).contains("--budget SECONDS").doesNotContain("--json");
    }

    @Test
    void unknownCommandsAndOptionsSuggestTheNearestName() {
        assertUsageError(CliRun.run("sacn"),
                "banwatch: Unknown command: 'sacn'; did you mean 'scan'? (commands: scan, enroll, send, status)"
                        + " (see 'banwatch --help')");
        assertUsageError(CliRun.run("inventory"),
                "banwatch: Unknown command: 'inventory'; (commands: scan, enroll, send, status) (see 'banwatch --help')");
        assertUsageError(CliRun.run("--jsno"),
                "banwatch: Unknown option: '--jsno'; (commands: scan, enroll, send, status) (see 'banwatch --help')");
        assertUsageError(CliRun.run("status", "--collecter", "http://x"),
                "banwatch: Unknown option: '--collecter'; did you mean '--collector'? (see 'banwatch status --help')");
    }

    @Test
    void valuesAreRequiredWhereExpectedAndRefusedOnFlags() {
        assertUsageError(CliRun.run("scan", "--profile"),
                "banwatch: Missing required parameter for option '--profile' (PROFILE) (see 'banwatch scan --help')");
        assertUsageError(CliRun.run("scan", "--profile", "--json"),
                "banwatch: Missing required parameter for option '--profile' (PROFILE) (see 'banwatch scan --help')");
        assertUsageError(CliRun.run("scan", "--json=yes"),
                "banwatch: Option '--json' takes no value (see 'banwatch scan --help')");
        assertUsageError(CliRun.run("scan", "extra"),
                "banwatch: Unexpected argument: 'extra' (see 'banwatch scan --help')");
        assertUsageError(CliRun.run("scan", "--profile", "us-private", "--profile=us-federal"),
                "banwatch: Option '--profile' should be specified only once (see 'banwatch scan --help')");
        assertUsageError(CliRun.run("send", "--budget", "soon"),
                "banwatch: Invalid value for option '--budget': 'soon' is not a whole number (see 'banwatch send --help')");
        assertUsageError(CliRun.run("scan", "--fail-on", "SEVERE"),
                "banwatch: Invalid value for option '--fail-on': expected one of [VIOLATION, DEADLINE, RISK, INFO]"
                        + " but was 'SEVERE' (see 'banwatch scan --help')");
    }

    @Test
    void equalsAndSpaceFormsMeanTheSameAndLevelsIgnoreCase() {
        Fixtures.debianWithKesl(root);
        CliRun spaced = CliRun.run("scan", "--root", root.toString(), "--json", "--profile", "us-federal",
                "--as-of", "2017-12-11", "--fail-on", "violation");
        CliRun joined = CliRun.run("scan", "--root=" + root, "--json", "--profile=us-federal", "--as-of=2017-12-11",
                "--fail-on=VIOLATION");
        // Only a DEADLINE on that day: below --fail-on VIOLATION, so exit 0 both ways.
        assertThat(spaced.exitCode()).isEqualTo(ExitCode.CLEAN);
        assertThat(joined.exitCode()).isEqualTo(ExitCode.CLEAN);
        ReportCodec codec = new ReportCodec();
        assertThat(codec.read(joined.out()).findings()).extracting(Finding::ruleId)
                .isEqualTo(codec.read(spaced.out()).findings().stream().map(Finding::ruleId).toList())
                .isNotEmpty();
    }
}
