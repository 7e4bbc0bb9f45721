package io.banwatch.agent.cli;

import io.banwatch.agent.cli.AgentEnvironment;
import io.banwatch.agent.config.AgentConfig;
import io.banwatch.agent.logging.FileLogging;
import io.banwatch.agent.send.DeliveryException;
import io.banwatch.agent.send.SpoolFlusher;
import io.banwatch.agent.send.Transport;
import io.banwatch.agent.scan.Scanner;
import io.banwatch.json.ReportCodec;
import io.banwatch.model.Choices;
import io.banwatch.model.Finding;
import io.banwatch.model.Host;
import io.banwatch.model.Inventory;
import io.banwatch.model.Level;
import io.banwatch.model.ScanReport;
import io.banwatch.rules.RuleEngine;
import io.banwatch.rules.RuleSet;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** {@code banwatch scan}: inventory this machine (or a mounted image) and judge it. */
final class ScanCommand implements Subcommand {
    private static final List<Option> OPTIONS = ConfigOptions.with(
            Option.flag("--json", "Print the full report as JSON."),
            Option.valued("--profile", "PROFILE", "Compliance profile: us-federal, us-federal-contractor or us-private"
                    + " (default: the config's profile, else us-private)."),
            Option.valued("--as-of", "YYYY-MM-DD", "Judge as on this date instead of today (US Eastern)."),
            Option.valued("--rules", "FILE", "An extra rule pack (JSON); a pack with a built-in pack's id replaces it."),
            Option.valued("--root", "DIR", "Scan the Linux filesystem mounted at DIR instead of this machine."),
            Option.valued("--fail-on", "LEVEL", "Exit 1 only for findings at or above this level: VIOLATION,"
                    + " DEADLINE, RISK or INFO (default: INFO)."),
            Option.flag("--send", "Also spool the report and send it to the collector (and anything waiting)."),
            Option.flag("--scheduled", "Wait a random time within schedule.window-minutes first (spreads a fleet's load)."));

    private final AgentEnvironment env;

    ScanCommand(AgentEnvironment env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "scan";
    }

    @Override
    public String description() {
        return "Lists installed software and security products, finds Kaspersky products and judges them"
                + " against the US ban deadlines.";
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public List<Usage.Code> exitCodes() {
        return List.of(
                new Usage.Code(ExitCode.CLEAN, "no findings at or above --fail-on, and the scan read every source it"
                        + " needs"),
                new Usage.Code(ExitCode.FINDINGS, "findings at or above --fail-on (with --send too, whether or not the"
                        + " report could be sent yet)"),
                new Usage.Code(ExitCode.ERROR, "usage error or failure; with --send, also: the collector refused this"
                        + " host's token, this host is not enrolled and there is no enrollment secret, or the report"
                        + " of an image cannot be sent"),
                new Usage.Code(ExitCode.INCOMPLETE, "incomplete: nothing at or above --fail-on, but a source the scan"
                        + " needs (the package database, the installed programs, the application folders) could not"
                        + " be read, so nothing found proves nothing"));
    }

    @Override
    public int run(ParsedArgs args, PrintWriter out, PrintWriter err) throws InterruptedException {
        boolean json = args.flag("--json");
        boolean send = args.flag("--send");
        boolean scheduled = args.flag("--scheduled");
        String profile = args.text("--profile");
        LocalDate asOf = args.date("--as-of");
        Path rules = args.path("--rules");
        Path root = args.path("--root");
        Level failOn = args.level("--fail-on", Level.INFO);
        // --set is checked like the file's values even when nothing else here needs the settings.
        AgentConfig config = send || scheduled ? ConfigOptions.load(env, args, Map.of())
                : profile == null || !args.all("--set").isEmpty() ? configForProfile(args, err) : null;
        if (profile == null) {
            profile = config == null ? AgentConfig.DEFAULT_PROFILE : config.profile();
        }
        if (send) {
            FileLogging.enable(config.paths().logDir(), config.logLevel());
        }
        if (scheduled && config.scheduleWindowMinutes() > 0) {
            env.sleeper().sleep(ThreadLocalRandom.current().nextLong(config.scheduleWindowMinutes() * 60_000L));
        }
        // The inventory needs the rule packs only at its last step (the install paths they name), so it
        // is read on a second thread while this one loads and checks them (a fifth of a scan's CPU).
        // Errors surface here as they did on one thread, in the same order: the packs', the profile's,
        // then --root's; an error of the inventory's own is rethrown unchanged when it is joined.
        String configured = profile;
        boolean profileGiven = args.text("--profile") != null;
        FutureTask<Judging> judging = new FutureTask<>(() -> rulesAndProfile(rules, profileGiven, configured));
        boolean readable = root == null || Files.isDirectory(root);
        FutureTask<Inventory> inventory = null;
        if (readable) {
            Supplier<RuleSet> loaded = () -> rulesOnceLoaded(judging);
            inventory = new FutureTask<>(() -> (root == null ? env.sources().live(loaded)
                    : env.sources().image(root, loaded)).read());
            Thread reader = new Thread(inventory, "banwatch-inventory");
            reader.setDaemon(true); // a scan that fails on this thread exits without waiting for it
            reader.start();
        }
        judging.run();
        Judging judge = result(judging);
        if (!readable) {
            throw new UserError("--root " + root + ": not a directory");
        }
        Inventory read = result(inventory);
        RuleEngine engine = new RuleEngine(judge.rules(), env.clock());
        ScanReport report = new Scanner(() -> read, engine, env.clock(), env.version()).scan(judge.profile(), asOf);

        if (json) {
            out.println(new ReportCodec().toJson(report, true));
        } else {
            new TableRenderer(out).render(report);
        }
        out.flush();
        int exit = exitCode(report, failOn);
        if (send) {
            deliver(config, report, root != null, err);
        }
        return exit;
    }

    /** The rules a scan judges with and the profile it judges by (checked against them). */
    private record Judging(RuleSet rules, String profile) {
    }

    private static Judging rulesAndProfile(Path rulesFile, boolean profileGiven, String profile) {
        RuleSet ruleSet = RuleSet.builtIn();
        if (rulesFile != null) {
            ruleSet = ruleSet.withPackFile(rulesFile);
        }
        if (profileGiven) {
            profile = ParsedArgs.choice("--profile", profile, ruleSet.profiles());
        } else if (!ruleSet.hasProfile(profile)) {
            throw new UserError("the configured profile " + profile + " is in none of the rule packs (they have "
                    + Choices.oneOf(List.copyOf(ruleSet.profiles())) + "); choose one with --profile");
        }
        return new Judging(ruleSet, profile);
    }

    /**
     * For the inventory thread: the rules, once the main thread has loaded and checked them. When they
     * could not be had, the main thread reports why and never looks at this inventory.
     */
    private static RuleSet rulesOnceLoaded(FutureTask<Judging> judging) {
        try {
            return judging.get().rules();
        } catch (ExecutionException e) {
            throw new IllegalStateException("no rules to probe the install paths with", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the rules", e);
        }
    }

    /** A task's result; what it threw is thrown here unchanged, as if it had run on this thread. */
    private static <T> T result(FutureTask<T> task) throws InterruptedException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** 1 for findings at or above {@code failOn}; else 3 when a primary source could not be read; else 0. */
    static int exitCode(ScanReport report, Level failOn) {
        if (report.findings().stream().map(Finding::level).anyMatch(l -> l.atLeast(failOn))) {
            return ExitCode.FINDINGS;
        }
        return report.incomplete() ? ExitCode.INCOMPLETE : ExitCode.CLEAN;
    }

    /**
     * Spools the report (durably, before any attempt to send) and flushes the spool, each report
     * under its own host's token. A collector that is down is no failure of the scan: the report
     * waits for the next run, and stderr says so. A report of an image that could never be sent (no
     * token for its host, no secret to enroll it) is refused before it reaches the spool.
     */
    private void deliver(AgentConfig config, ScanReport report, boolean image, PrintWriter err) {
        Transport transport = new Transport(config, env.clock(), env.version(), env.sleeper());
        Host host = report.host();
        if (image && !transport.canSend(host)) {
            throw new UserError("--send: " + transport.cannotSend(host));
        }
        transport.spool().add(report);
        transport.status().scanned(report.scannedAt(), report.reportId(), report.findings().size());
        Supplier<Host> thisMachine = image ? () -> env.sources().live(RuleSet.builtIn()).read().host() : () -> host;
        SpoolFlusher.Result r = transport.flush(transport.credentials(thisMachine), Transport.DEFAULT_BUDGET);
        Optional<SpoolFlusher.HostStop> stop = r.stoppedFor(host.id());
        if (stop.isPresent()) {
            throw new DeliveryException(!stop.get().refused() ? stop.get().reason()
                    : (image ? "the collector refused the token of " + host.hostname() + ": "
                    : "the collector refused this agent: ") + stop.get().reason());
        }
        if (!r.complete()) {
            boolean thisOneLeft = transport.spool().pending().stream().anyMatch(p -> p.reportId().equals(report.reportId()));
            err.println("banwatch: " + (thisOneLeft ? "report kept in the spool (" + r.remaining() + " waiting): "
                    : r.remaining() + " other report(s) kept in the spool: ") + r.problem());
            err.flush();
        }
    }

    /**
     * A plain scan only wants the configured profile; a settings file it may not read (it holds the
     * enrollment secret, so it is root's) must not stop a normal user's scan. A bad value is still an
     * error: judging with another profile than the one configured would be a wrong answer.
     */
    private AgentConfig configForProfile(ParsedArgs args, PrintWriter err) {
        try {
            return ConfigOptions.load(env, args, Map.of());
        } catch (io.banwatch.agent.config.ConfigException e) {
            if (!e.unreadable()) {
                throw e;
            }
            AgentConfig withoutFile = ConfigOptions.loadWithoutFile(env, args, Map.of());
            err.println("banwatch: warning: " + e.getMessage() + "; judging with " + withoutFile.profile());
            err.flush();
            return withoutFile;
        }
    }
}
