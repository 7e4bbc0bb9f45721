package io.banwatch.agent.cli;

import io.banwatch.agent.cli.AgentEnvironment;
import io.banwatch.agent.config.ConfigException;
import io.banwatch.agent.send.DeliveryException;
import io.banwatch.json.JsonFormatException;
import io.banwatch.rules.RulePackException;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code banwatch} command line: picks the subcommand, parses its options, prints help and
 * turns every failure into one line on stderr and exit code 2. A stack trace is never a user's
 * answer; for bugs it goes to the log at debug level.
 */
public final class BanwatchCli {
    private static final String SUMMARY = "Finds Kaspersky products and judges them against the US ban deadlines.";

    private final AgentEnvironment env;
    private final PrintWriter out;
    private final PrintWriter err;

    public BanwatchCli(AgentEnvironment env, PrintWriter out, PrintWriter err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    private List<Subcommand> commands() {
        return List.of(new ScanCommand(env), new EnrollCommand(env), new SendCommand(env), new StatusCommand(env));
    }

    /** Runs the command line; returns the exit code. */
    public int run(String... args) {
        try {
            return dispatch(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int dispatch(String[] args) {
        List<Subcommand> commands = commands();
        if (args.length == 2 && args[0].equals("help") && !isHelp(args[1])) {
            // "banwatch help scan" is "banwatch scan --help".
            Subcommand command = find(commands, args[1]);
            if (command == null) {
                return unknownCommand(commands, args[1]);
            }
            out.print(Usage.of(command));
            return ExitCode.CLEAN;
        }
        if (args.length > 2 && args[0].equals("help")) {
            return usageError("Unexpected argument: '" + args[2] + "' (help takes one command)", "banwatch --help");
        }
        if (args.length == 0 || isHelp(args[0])) {
            out.print(Usage.of(commands, SUMMARY));
            return ExitCode.CLEAN;
        }
        if (isVersion(args[0])) {
            out.println("banwatch " + env.version());
            return ExitCode.CLEAN;
        }
        Subcommand command = find(commands, args[0]);
        if (command == null) {
            return unknownCommand(commands, args[0]);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.contains("-h") || rest.contains("--help")) {
            out.print(Usage.of(command));
            return ExitCode.CLEAN;
        }
        if (rest.contains("-V") || rest.contains("--version")) {
            out.println("banwatch " + env.version());
            return ExitCode.CLEAN;
        }
        try {
            return command.run(ParsedArgs.parse(command.options(), rest), out, err);
        } catch (UsageError e) {
            return usageError(e.getMessage(), "banwatch " + command.name() + " --help");
        } catch (UserError | RulePackException | JsonFormatException | ConfigException | DeliveryException
                 | UncheckedIOException e) {
            return failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted");
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(BanwatchCli.class).debug("command failed", e);
            return failed("internal error: " + e);
        }
    }

    private static Subcommand find(List<Subcommand> commands, String name) {
        return commands.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private int unknownCommand(List<Subcommand> commands, String given) {
        List<String> names = commands.stream().map(Subcommand::name).toList();
        String hint = Suggestion.closest(given, names).map(s -> "; did you mean '" + s + "'?").orElse("");
        String what = given.startsWith("-") ? "Unknown option: '" : "Unknown command: '";
        return usageError(what + given + "'" + hint + " (commands: " + String.join(", ", names) + ")",
                "banwatch --help");
    }

    private int usageError(String message, String help) {
        err.println("banwatch: " + message + " (see '" + help + "')");
        return ExitCode.ERROR;
    }

    private int failed(String message) {
        err.println("banwatch: " + message);
        return ExitCode.ERROR;
    }

    private static boolean isHelp(String arg) {
        return arg.equals("-h") || arg.equals("--help") || arg.equals("help");
    }

    private static boolean isVersion(String arg) {
        return arg.equals("-V") || arg.equals("--version");
    }
}
