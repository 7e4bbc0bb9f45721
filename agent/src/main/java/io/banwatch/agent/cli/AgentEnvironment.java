package io.banwatch.agent.cli;

import io.banwatch.model.OsFamily;
import io.banwatch.agent.inventory.InventorySource;
import io.banwatch.agent.scan.InventorySources;
import io.banwatch.agent.inventory.CommandRunner;
import io.banwatch.agent.inventory.ProcessCommandRunner;
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
 * @param sources    makes inventory sources for this machine or for a mounted image
 * @param env        the environment variables (config overrides, paths)
 * @param osFamily   picks the usual config, state and log places
 * @param sleeper    waits between retries
 */
public record AgentEnvironment(Clock clock, CommandRunner runner, String version, InventorySourceFactory sources,
                               Map<String, String> env, OsFamily osFamily, Sleeper sleeper) {

    /** Makes the inventory source for a scan. */
    public interface InventorySourceFactory {
        InventorySource live(RuleSet rules);

        InventorySource image(Path root, RuleSet rules);
    }

    /** The real machine: system clock, real processes, the OS's own inventory source. */
    public static AgentEnvironment system() {
        CommandRunner runner = new ProcessCommandRunner();
        String version = AgentEnvironment.class.getPackage().getImplementationVersion();
        return new AgentEnvironment(Clock.systemUTC(), runner, version == null ? "dev" : version,
                new InventorySourceFactory() {
                    @Override
                    public InventorySource live(RuleSet rules) {
                        return InventorySources.forThisMachine(runner, rules::pathsToProbe);
                    }

                    @Override
                    public InventorySource image(Path root, RuleSet rules) {
                        return InventorySources.forLinuxImage(root, runner, rules.pathsToProbe(OsFamily.LINUX.id()));
                    }
                }, System.getenv(), InventorySources.osFamily(), Sleeper.REAL);
    }
}
