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
                "banwatch: Unknown command: 'inventory' (commands: scan, enroll, send, status) (see 'banwatch --help')");
        assertUsageError(CliRun.run("--jsno"),
                "banwatch: Unknown option: '--jsno' (commands: scan, enroll, send, status) (see 'banwatch --help')");
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
                "banwatch: Invalid value for option '--fail-on': must be VIOLATION, DEADLINE, RISK or INFO,"
                        + " not 'SEVERE' (see 'banwatch scan --help')");
    }

    @Test
    void helpCommandShowsThatCommandsHelp() {
        for (String command : new String[] {"scan", "enroll", "send", "status"}) {
            CliRun help = CliRun.run("help", command);
            assertThat(help.exitCode()).as(command).isEqualTo(ExitCode.CLEAN);
            assertThat(help.err()).isEmpty();
            assertThat(help.out()).as(command).startsWith("Usage: banwatch " + command + " [OPTIONS]\n")
                    .isEqualTo(CliRun.run(command, "--help").out());
        }
        assertUsageError(CliRun.run("help", "sacn"), "banwatch: Unknown command: 'sacn'; did you mean 'scan'? (commands:"
                + " scan, enroll, send, status) (see 'banwatch --help')");
        assertThat(CliRun.run("help", "--help").out()).isEqualTo(CliRun.run("--help").out());
    }

    /** The "Exit codes:" part of a help text, one entry per code, continuation lines joined. */
    private static java.util.Map<String, String> exitCodes(String help) {
        java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
        String last = null;
        for (String line : help.substring(help.indexOf("\nExit codes:\n") + 13).lines().toList()) {
            if (line.matches("  \\d   .*")) {
                last = line.substring(2, 3);
                codes.put(last, line.substring(6));
            } else if (last != null && line.startsWith("      ")) {
                codes.put(last, codes.get(last) + " " + line.strip());
            }
        }
        return codes;
    }

    @Test
    void eachCommandsHelpListsItsOwnExitCodes() {
        assertThat(exitCodes(CliRun.run("scan", "--help").out())).containsOnlyKeys("0", "1", "2", "3")
                .hasEntrySatisfying("3", m -> assertThat(m).startsWith("incomplete: nothing at or above --fail-on"));
        assertThat(exitCodes(CliRun.run("enroll", "--help").out())).containsOnlyKeys("0", "2")
                .hasEntrySatisfying("0", m -> assertThat(m).startsWith("enrolled"));
        assertThat(exitCodes(CliRun.run("send", "--help").out())).containsOnlyKeys("0", "2")
                .hasEntrySatisfying("0", m -> assertThat(m).startsWith("every report sent, or the spool was empty"))
                .hasEntrySatisfying("2", m -> assertThat(m).startsWith("something is left in the spool"));
        assertThat(exitCodes(CliRun.run("status", "--help").out())).containsOnlyKeys("0", "2")
                .hasEntrySatisfying("0", m -> assertThat(m).contains("whether or not the collector answers"));
        assertThat(exitCodes(CliRun.run("--help").out())).containsOnlyKeys("0", "1", "2", "3");
        for (String command : new String[] {"enroll", "send", "status"}) {
            assertThat(CliRun.run(command, "--help").out()).as(command).doesNotContain("--fail-on");
        }
        for (String[] args : new String[][] {{"--help"}, {"scan", "--help"}, {"send", "--help"}}) {
            assertThat(CliRun.run(args).out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        }
    }

    @Test
    void profileAndFailOnFollowTheSameCaseRules() {
        Fixtures.debianWithKesl(root);
        CliRun upper = CliRun.run("scan", "--root", root.toString(), "--json", "--profile", "US-Federal",
                "--fail-on", "Violation", "--as-of", "2024-09-01");
        assertThat(upper.err()).isEmpty();
        assertThat(upper.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(new ReportCodec().read(upper.out()).profile()).isEqualTo("us-federal");
        assertThat(CliRun.run("scan", "--root", root.toString(), "--profile", "US-PRIVATE", "--as-of", "2024-09-01")
                .out()).contains("Profile    us-private, judged on 2024-09-01");
        // A wrong value of either is the same kind of line.
        assertUsageError(CliRun.run("scan", "--profile", "eu-private"), "banwatch: Invalid value for option"
                + " '--profile': must be us-federal, us-federal-contractor or us-private, not 'eu-private'"
                + " (see 'banwatch scan --help')");
        assertUsageError(CliRun.run("scan", "--fail-on", "severe"), "banwatch: Invalid value for option"
                + " '--fail-on': must be VIOLATION, DEADLINE, RISK or INFO, not 'severe' (see 'banwatch scan --help')");
    }

    @Test
    void noErrorLineHasStrayPunctuation() throws Exception {
        java.nio.file.Path conf = java.nio.file.Files.writeString(root.resolve("bad.conf"), "profile = eu\n");
        java.nio.file.Path badCa = java.nio.file.Files.writeString(root.resolve("ca.pem"), "not a certificate\n");
        java.util.Map<String, CliRun> runs = new java.util.LinkedHashMap<>();
        for (String[] args : new String[][] {{"sacn"}, {"inventory"}, {"--jsno"}, {"help", "nope"}, {"help", "scan", "x"},
                {"scan", "--jsn"}, {"scan", "--profile"}, {"scan", "--json=yes"}, {"scan", "extra"},
                {"scan", "--as-of", "2024-02-30"}, {"scan", "--profile", "eu"}, {"scan", "--fail-on", "x"},
                {"scan", "--root", root.resolve("none").toString()}, {"scan", "--rules", root.resolve("none.json").toString()},
                {"send", "--budget", "soon"}, {"status", "--set", "x"}, {"status", "--set", "colector.url=x"},
                {"status", "--config", root.resolve("none.conf").toString()}, {"status", "--config", conf.toString()},
                {"status", "--set", "collector.url=https://127.0.0.1:1", "--set", "tls.ca-file=" + badCa},
                {"enroll", "--collector", "http://127.0.0.1:1", "--secret", "short"}}) {
            runs.put(String.join(" ", args), CliRun.run(args));
        }
        runs.forEach((args, run) -> {
            assertThat(run.exitCode()).as(args + ": " + run.err()).isEqualTo(ExitCode.ERROR);
            assertThat(run.err().lines()).as(run.err()).singleElement().asString()
                    .startsWith("banwatch: ")
                    .doesNotContain("..", ".:", ":.", "; (", ": (", ", (", "null")
                    .doesNotEndWith(":").doesNotEndWith(" ")
                    .doesNotContainPattern(":\\s+\\(see ");
        });
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
