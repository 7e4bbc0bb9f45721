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
import java.util.function.Supplier;

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

        /**
         * A live source that asks for the rules only when it needs them, so a scan can read while the
         * rule packs load on another thread. This default waits for them before it reads anything.
         */
        default InventorySource live(Supplier<RuleSet> rules) {
            return () -> live(rules.get()).read();
        }

        /** An image's source that asks for the rules only when it needs them; see {@link #live(Supplier)}. */
        default InventorySource image(Path root, Supplier<RuleSet> rules) {
            return () -> image(root, rules.get()).read();
        }
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

                    // The rules name only the install paths to probe, the sources' last step (on Linux).
                    @Override
                    public InventorySource live(Supplier<RuleSet> rules) {
                        return InventorySources.forThisMachine(runner, family -> rules.get().pathsToProbe(family));
                    }

                    @Override
                    public InventorySource image(Path root, Supplier<RuleSet> rules) {
                        return InventorySources.forLinuxImage(root, runner,
                                () -> rules.get().pathsToProbe(OsFamily.LINUX.id()));
                    }
                }, System.getenv(), InventorySources.osFamily(), Sleeper.REAL);
    }
}
