package io.banwatch.agent.cli;

import io.banwatch.agent.AgentEnvironment;
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

/** {@code banwatch scan}: inventory this machine (or a mounted image) and judge it. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lists installed software and security products, finds Kaspersky products",
                "and judges them against the US ban deadlines."})
public final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the full report as JSON.")
    boolean json;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "us-private",
            description = "Compliance profile: us-federal, us-federal-contractor or us-private (default: ${DEFAULT-VALUE}).")
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

    private final AgentEnvironment env;

    ScanCommand(AgentEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
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
        return report.findings().stream().map(Finding::level).anyMatch(l -> l.atLeast(failOn))
                ? ExitCode.FINDINGS : ExitCode.CLEAN;
    }
}
