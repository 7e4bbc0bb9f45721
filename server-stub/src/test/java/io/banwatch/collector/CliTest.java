package io.banwatch.collector;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code banwatch-server}'s own words: help that works, and usage errors on one line with exit code 2. */
class CliTest {
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = CollectorMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        Run help = run("help");
        assertThat(help.exit()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).startsWith("Usage: banwatch-server").contains("serve", "token", "help");
        assertThat(help.out()).isEqualTo(run("--help").out());
    }

    @Test
    void helpOfACommandIsThatCommandsHelp() {
        Run help = run("help", "serve");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: banwatch-server serve").contains("--data", "--port")
                .isEqualTo(run("serve", "--help").out());
        assertThat(run("help", "token").out()).isEqualTo(run("token", "--help").out());
    }

    private static void assertUsageError(Run run, String line) {
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(line);
    }

    @Test
    void usageErrorsAreOneLineNamingWhatIsWrongAndWhereHelpIs() {
        assertUsageError(run("nope"), "banwatch-server: unknown command 'nope'; commands: serve, token, host, demo, help"
                + " (see 'banwatch-server --help')");
        assertUsageError(run("help", "nope"), "banwatch-server: unknown subcommand 'nope' (see 'banwatch-server --help')");
        assertUsageError(run("serve", "--nope"), "banwatch-server: unknown option --nope"
                + " (see 'banwatch-server serve --help')");
        assertUsageError(run("serve", "--port", "abc"), "banwatch-server: --port must be a whole number, not 'abc'"
                + " (see 'banwatch-server serve --help')");
        assertUsageError(run("token", "create"), "banwatch-server: missing --role ROLE and --name NAME"
                + " (see 'banwatch-server token create --help')");
        assertUsageError(run("token", "revoke", "abc"), "banwatch-server: ID must be a whole number, not 'abc'"
                + " (see 'banwatch-server token revoke --help')");
        assertUsageError(run("token", "revoke"), "banwatch-server: missing ID (see 'banwatch-server token revoke --help')");
    }

    @Test
    void aCommandThatFailsSaysWhyOnOneLine() {
        Run badRole = run("token", "create", "--role", "boss", "--name", "x");
        assertThat(badRole.exit()).isEqualTo(2);
        assertThat(badRole.err().lines()).containsExactly(
                "banwatch-server: unknown role 'boss' (expected host, viewer or admin)");
    }
}
