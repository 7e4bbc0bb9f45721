package io.banwatch.agent.cli;

import io.banwatch.agent.cli.AgentEnvironment;
import io.banwatch.agent.config.AgentConfig;
import io.banwatch.agent.logging.FileLogging;
import io.banwatch.agent.send.SpoolFlusher;
import io.banwatch.agent.send.Transport;
import io.banwatch.rules.RuleSet;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code banwatch send}: delivers the reports waiting in the spool. */
final class SendCommand implements Subcommand {
    private static final List<Option> OPTIONS = ConfigOptions.with(
            Option.valued("--budget", "SECONDS", "Give up retrying after this many seconds; unsent reports stay"
                    + " for next time (default: 180)."));

    private final AgentEnvironment env;

    SendCommand(AgentEnvironment env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "send";
    }

    @Override
    public String description() {
        return "Sends the reports waiting in the spool to the collector (oldest first).";
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public List<Usage.Code> exitCodes() {
        return List.of(
                new Usage.Code(ExitCode.CLEAN, "every report sent, or the spool was empty (a report the collector"
                        + " refused as it is was moved to spool/quarantine with a warning)"),
                new Usage.Code(ExitCode.ERROR, "something is left in the spool (the collector is down or busy, a"
                        + " host's token was refused, a host is not enrolled), or a usage error or bad setting"));
    }

    @Override
    public int run(ParsedArgs args, PrintWriter out, PrintWriter err) {
        long budgetSeconds = args.number("--budget", 180);
        AgentConfig config = ConfigOptions.load(env, args, Map.of());
        FileLogging.enable(config.paths().logDir(), config.logLevel());
        Transport transport = new Transport(config, env.clock(), env.version(), env.sleeper());
        if (transport.spool().pending().isEmpty()) {
            out.println("Nothing to send: the spool is empty.");
            return ExitCode.CLEAN;
        }
        SpoolFlusher.Result r = transport.flush(transport.credentials(() -> env.sources().live(RuleSet.builtIn()).read()
                .host()), Duration.ofSeconds(Math.max(1, budgetSeconds)));
        return report(r, transport.spool().dir().resolve("quarantine"), out, err);
    }

    /** Prints a flush's outcome for people; the exit code says whether everything went. */
    static int report(SpoolFlusher.Result r, java.nio.file.Path quarantine, PrintWriter out, PrintWriter err) {
        out.printf("Sent %d report%s; %d waiting%s.%n", r.sent(), r.sent() == 1 ? "" : "s", r.remaining(),
                r.quarantined() == 0 ? "" : "; " + r.quarantined() + " moved to " + quarantine + " as undeliverable");
        out.flush();
        if (!r.complete()) {
            err.println("banwatch: " + r.remaining() + " report(s) kept in the spool: " + r.problem());
            err.flush();
            return ExitCode.ERROR;
        }
        return ExitCode.CLEAN;
    }
}
