package io.banwatch.agent.cli;

import io.banwatch.agent.AgentEnvironment;
import io.banwatch.agent.config.AgentConfig;
import io.banwatch.agent.logging.FileLogging;
import io.banwatch.agent.send.SpoolFlusher;
import io.banwatch.agent.send.Transport;
import io.banwatch.rules.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code banwatch send}: delivers the reports waiting in the spool. */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sends the reports waiting in the spool to the collector (oldest first).")
public final class SendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Option(names = "--budget", paramLabel = "SECONDS", defaultValue = "180",
            description = "Give up retrying after this many seconds; unsent reports stay for next time (default: ${DEFAULT-VALUE}).")
    long budgetSeconds;

    private final AgentEnvironment env;

    SendCommand(AgentEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        AgentConfig config = options.load(env, Map.of());
        FileLogging.enable(config.paths().logDir(), config.logLevel());
        Transport transport = new Transport(config, env.clock(), env.version(), env.sleeper());
        if (transport.spool().pending().isEmpty()) {
            spec.commandLine().getOut().println("Nothing to send: the spool is empty.");
            spec.commandLine().getOut().flush();
            return ExitCode.CLEAN;
        }
        String token = transport.tokenFor(() -> env.collectors().live(RuleSet.builtIn()).collect().host());
        SpoolFlusher.Result r = transport.flush(token, Duration.ofSeconds(Math.max(1, budgetSeconds)));
        return report(r, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Prints a flush's outcome for people; the exit code says whether everything went. */
    static int report(SpoolFlusher.Result r, PrintWriter out, PrintWriter err) {
        out.printf("Sent %d report%s; %d waiting%s.%n", r.sent(), r.sent() == 1 ? "" : "s", r.remaining(),
                r.quarantined() == 0 ? "" : "; " + r.quarantined() + " quarantined as undeliverable");
        out.flush();
        if (!r.complete()) {
            err.println("banwatch: " + r.remaining() + " report(s) kept in the spool: " + r.problem());
            err.flush();
            return ExitCode.ERROR;
        }
        return ExitCode.CLEAN;
    }
}
