package io.banwatch.agent.cli;

import io.banwatch.agent.AgentEnvironment;
import io.banwatch.agent.config.ConfigException;
import io.banwatch.agent.send.DeliveryException;
import io.banwatch.json.JsonFormatException;
import io.banwatch.rules.RulePackException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The top-level {@code banwatch} command; its subcommands do the work. */
@Command(name = "banwatch", mixinStandardHelpOptions = true,
        description = "Finds Kaspersky products and judges them against the US ban deadlines.",
        subcommandsRepeatable = false)
public final class BanwatchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line with every subcommand and the error handling of every command. */
    public static CommandLine commandLine(AgentEnvironment env) {
        return commandLine(env, new String[0]);
    }

    /**
     * The command line for these arguments. When they name a subcommand, only that one is built:
     * picocli reads each command's annotations by reflection, and the daily scan should not pay
     * for the others. Help and mistakes get them all, so usage and suggestions stay complete.
     */
    public static CommandLine commandLine(AgentEnvironment env, String[] args) {
        Map<String, java.util.function.Supplier<Object>> all = new LinkedHashMap<>();
        all.put("scan", () -> new ScanCommand(env));
        all.put("enroll", () -> new EnrollCommand(env));
        all.put("send", () -> new SendCommand(env));
        all.put("status", () -> new StatusCommand(env));
        CommandLine cl = new CommandLine(new BanwatchCommand());
        String first = args.length > 0 ? args[0] : null;
        for (Map.Entry<String, java.util.function.Supplier<Object>> sub : all.entrySet()) {
            if (first == null || !all.containsKey(first) || sub.getKey().equals(first)) {
                cl.addSubcommand(sub.getKey(), sub.getValue().get());
            }
        }
        cl.setCommandName("banwatch");
        cl.registerConverter(LocalDate.class, BanwatchCommand::date);
        cl.setParameterExceptionHandler(BanwatchCommand::badUsage);
        cl.setExecutionExceptionHandler(BanwatchCommand::failed);
        cl.setExitCodeExceptionMapper(e -> ExitCode.ERROR);
        cl.getCommandSpec().version("banwatch " + env.version());
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        }
        return cl;
    }

    private static final Map<String, String> EXIT_CODES = exitCodes();

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "no findings at or above --fail-on");
        codes.put("1", "findings");
        codes.put("2", "usage error or failure");
        return java.util.Collections.unmodifiableMap(codes);
    }

    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a date (expected YYYY-MM-DD)");
        }
    }

    private static int badUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("banwatch: " + e.getMessage() + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCode.ERROR;
    }

    private static int failed(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof UserError || e instanceof RulePackException || e instanceof JsonFormatException
                || e instanceof ConfigException || e instanceof DeliveryException) {
            err.println("banwatch: " + e.getMessage());
        } else if (e instanceof java.io.UncheckedIOException) {
            err.println("banwatch: " + e.getMessage());
        } else {
            // Not the user's mistake: still one line for people; the trace goes to the log.
            err.println("banwatch: internal error: " + e);
            org.slf4j.LoggerFactory.getLogger(BanwatchCommand.class).debug("command failed", e);
        }
        err.flush();
        return ExitCode.ERROR;
    }
}
