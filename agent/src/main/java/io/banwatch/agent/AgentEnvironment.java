package io.banwatch.agent;

import io.banwatch.agent.collect.Collector;
import io.banwatch.agent.collect.Collectors;
import io.banwatch.agent.collect.CommandRunner;
import io.banwatch.agent.collect.ProcessCommandRunner;
import io.banwatch.rules.RuleSet;

import java.nio.file.Path;
import io.banwatch.agent.send.Sleeper;

import java.time.Clock;
import java.util.Map;

/**
 * What the commands depend on, injected once at start-up: the clock, the command runner, the
 * agent's version and how to get a collector. Tests build one with a fixed clock and fakes.
 *
 * @param clock      the time source
 * @param runner     runs OS commands
 * @param version    the agent's version
 * @param collectors makes collectors for this machine or for a mounted image
 * @param env        the environment variables (config overrides, paths)
 * @param osFamily   linux, windows or macos: picks the usual config, state and log places
 * @param sleeper    waits between retries
 */
public record AgentEnvironment(Clock clock, CommandRunner runner, String version, CollectorFactory collectors,
                               Map<String, String> env, String osFamily, Sleeper sleeper) {

    /** Makes the collector for a scan. */
    public interface CollectorFactory {
        Collector live(RuleSet rules);

        Collector image(Path root, RuleSet rules);
    }

    /** The real machine: system clock, real processes, the OS's own collector. */
    public static AgentEnvironment system() {
        CommandRunner runner = new ProcessCommandRunner();
        String version = AgentEnvironment.class.getPackage().getImplementationVersion();
        return new AgentEnvironment(Clock.systemUTC(), runner, version == null ? "dev" : version,
                new CollectorFactory() {
                    @Override
                    public Collector live(RuleSet rules) {
                        return Collectors.forThisMachine(runner, rules::pathsToProbe);
                    }

                    @Override
                    public Collector image(Path root, RuleSet rules) {
                        return Collectors.forLinuxImage(root, runner, rules.pathsToProbe("linux"));
                    }
                }, System.getenv(), Collectors.osFamily(), Sleeper.REAL);
    }
}
