package io.banwatch.agent.cli;

import io.banwatch.model.OsFamily;
import io.banwatch.agent.cli.AgentEnvironment;
import io.banwatch.agent.inventory.InventorySource;
import io.banwatch.agent.scan.InventorySources;
import io.banwatch.agent.inventory.CommandResult;
import io.banwatch.rules.RuleSet;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Function;

/** Runs the banwatch command line in-process with a fixed clock and captures what it prints. */
record CliRun(int exitCode, String out, String err) {
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

    static CliRun run(String... args) {
        return run(rules -> {
            throw new AssertionError("this test must not scan the live machine");
        }, args);
    }

    static CliRun run(Function<RuleSet, InventorySource> live, String... args) {
        return run(live, Map.of("BANWATCH_CONFIG", EMPTY_CONFIG.toString()), args);
    }

    /** An empty settings file: every setting at its default, whatever this machine has in /etc. */
    private static final Path EMPTY_CONFIG = emptyConfig();

    private static Path emptyConfig() {
        try {
            Path f = java.nio.file.Files.createTempFile("banwatch-test-", ".conf");
            f.toFile().deleteOnExit();
            return f;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs with these environment variables (config and state paths, overrides). */
    static CliRun run(Function<RuleSet, InventorySource> live, Map<String, String> vars, String... args) {
        AgentEnvironment env = new AgentEnvironment(Clock.fixed(NOW, ZoneOffset.UTC),
                (argv, stdin, timeout) -> CommandResult.failed(argv.get(0) + ": not available in tests"), "test",
                new AgentEnvironment.InventorySourceFactory() {
                    @Override
                    public InventorySource live(RuleSet rules) {
                        return live.apply(rules);
                    }

                    @Override
                    public InventorySource image(Path root, RuleSet rules) {
                        return InventorySources.forLinuxImage(root, (argv, stdin, timeout) -> CommandResult.failed("no rpm"),
                                rules.pathsToProbe("linux"));
                    }
                }, vars, OsFamily.LINUX, millis -> { });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new BanwatchCli(env, new PrintWriter(out), new PrintWriter(err)).run(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
