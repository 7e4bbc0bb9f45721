package io.banwatch.agent.cli;

import io.banwatch.agent.AgentEnvironment;
import io.banwatch.agent.config.AgentConfig;
import io.banwatch.agent.logging.FileLogging;
import io.banwatch.agent.send.DeliveryException;
import io.banwatch.agent.send.SpoolFlusher;
import io.banwatch.agent.send.Transport;
import picocli.CommandLine;
import io.banwatch.agent.collect.Collector;
import io.banwatch.agent.scan.Scanner;
import io.banwatch.json.ReportCodec;
import io.banwatch.model.Finding;
import io.banwatch.model.Level;
import io.banwatch.model.ScanReport;
import io.banwatch.rules.RuleEngine;
import io.banwatch.rules.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/** {@code banwatch scan}: inventory this machine (or a mounted image) and judge it. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lists installed software and security products, finds Kaspersky products",
                "and judges them against the US ban deadlines."})
public final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the full report as JSON.")
    boolean json;

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "Compliance profile: us-federal, us-federal-contractor or us-private (default: the config's profile, else us-private).")
    String profile;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "Judge as on this date instead of today (US Eastern).")
    LocalDate asOf;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "An extra rule pack (JSON); a pack with a built-in pack's id replaces it.")
    Path rules;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Scan the Linux filesystem mounted at DIR instead of this machine.")
    Path root;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "INFO",
            description = "Exit 1 only for findings at or above this level: VIOLATION, DEADLINE, RISK or INFO (default: ${DEFAULT-VALUE}).")
    Level failOn;

    @Option(names = "--send", description = "Also spool the report and send it to the collector (and anything waiting).")
    boolean send;

    @Option(names = "--scheduled", description = "Wait a random time within schedule.window-minutes first (spreads a fleet's load).")
    boolean scheduled;

    @CommandLine.Mixin
    ConfigOptions options;

    private final AgentEnvironment env;

    ScanCommand(AgentEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        AgentConfig config = send || scheduled ? loadConfig() : profile == null ? configForProfile() : null;
        if (profile == null) {
            profile = config == null ? AgentConfig.DEFAULT_PROFILE : config.profile();
        }
        if (send) {
            FileLogging.enable(config.paths().logDir(), config.logLevel());
        }
        if (scheduled && config.scheduleWindowMinutes() > 0) {
            env.sleeper().sleep(ThreadLocalRandom.current().nextLong(config.scheduleWindowMinutes() * 60_000L));
        }
        RuleSet ruleSet = RuleSet.builtIn();
        if (rules != null) {
            ruleSet = ruleSet.withPackFile(rules);
        }
        if (!ruleSet.hasProfile(profile)) {
            throw new UserError("unknown profile '" + profile + "' (known: " + String.join(", ", ruleSet.profiles()) + ")");
        }
        Collector collector;
        if (root != null) {
            if (!Files.isDirectory(root)) {
                throw new UserError("--root " + root + ": not a directory");
            }
            collector = env.collectors().image(root, ruleSet);
        } else {
            collector = env.collectors().live(ruleSet);
        }
        RuleEngine engine = new RuleEngine(ruleSet, env.clock());
        ScanReport report = new Scanner(collector, engine, env.clock(), env.version()).scan(profile, asOf);

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ReportCodec().toJson(report, true));
        } else {
            new TableRenderer(out).render(report);
        }
        out.flush();
        int exit = report.findings().stream().map(Finding::level).anyMatch(l -> l.atLeast(failOn))
                ? ExitCode.FINDINGS : ExitCode.CLEAN;
        if (send) {
            deliver(config, report);
        }
        return exit;
    }

    /**
     * Spools the report (durably, before any attempt to send) and flushes the spool. A collector
     * that is down is no failure of the scan: the report waits for the next run, and stderr says so.
     */
    private void deliver(AgentConfig config, ScanReport report) {
        Transport transport = new Transport(config, env.clock(), env.version(), env.sleeper());
        transport.spool().add(report);
        transport.status().update("last-scan-at", report.scannedAt().toString(), "last-scan-report-id",
                report.reportId(), "last-scan-findings", Integer.toString(report.findings().size()));
        String token = transport.tokenFor(report::host);
        SpoolFlusher.Result r = transport.flush(token, Transport.DEFAULT_BUDGET);
        if (r.refused()) {
            throw new DeliveryException("the collector refused this agent: " + r.problem());
        }
        if (!r.complete()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("banwatch: report kept in the spool (" + r.remaining() + " waiting): " + r.problem());
            err.flush();
        }
    }

    private AgentConfig loadConfig() {
        return options.load(env, java.util.Map.of());
    }

    /**
     * A plain scan only wants the configured profile; a settings file it may not read (it holds the
     * enrollment secret, so it is root's) must not stop a normal user's scan.
     */
    private AgentConfig configForProfile() {
        try {
            return loadConfig();
        } catch (io.banwatch.agent.config.ConfigException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("banwatch: warning: " + e.getMessage() + "; judging with " + AgentConfig.DEFAULT_PROFILE);
            err.flush();
            return null;
        }
    }
}
