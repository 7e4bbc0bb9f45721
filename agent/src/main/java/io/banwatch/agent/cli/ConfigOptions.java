package io.banwatch.agent.cli;

import io.banwatch.agent.cli.AgentEnvironment;
import io.banwatch.agent.config.AgentConfig;
import io.banwatch.agent.config.AgentConfigLoader;
import io.banwatch.agent.config.AgentPaths;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The options every command that talks to the collector shares, and the settings they lead to. */
final class ConfigOptions {
    static final List<Option> OPTIONS = List.of(
            Option.valued("--config", "FILE",
                    "Agent settings file (default: the OS's usual place, e.g. /etc/banwatch/agent.conf)."),
            Option.valued("--collector", "URL", "The collector's URL (overrides collector.url)."),
            Option.repeatable("--set", "KEY=VALUE", "Override one setting of the file, e.g. --set"
                    + " spool.max-reports=100 (repeatable; wins over the file and BANWATCH_* variables)."));

    private ConfigOptions() {
    }

    /**
     * Settings from the file, BANWATCH_* variables and the flags (flags win): {@code --collector},
     * {@code --set} and the command's own, {@code ownFlags} (setting key to flag name).
     */
    static AgentConfig load(AgentEnvironment env, ParsedArgs args, Map<String, String> ownFlags) {
        return load(env, args, ownFlags, false);
    }

    /**
     * The same, but without reading the settings file: for a plain scan when the file is there but
     * this user may not read it.
     */
    static AgentConfig loadWithoutFile(AgentEnvironment env, ParsedArgs args, Map<String, String> ownFlags) {
        return load(env, args, ownFlags, true);
    }

    private static AgentConfig load(AgentEnvironment env, ParsedArgs args, Map<String, String> ownFlags,
                                    boolean withoutFile) {
        Map<String, String> vars = new HashMap<>(env.env());
        Path config = args.path("--config");
        if (config != null) {
            vars.put("BANWATCH_CONFIG", config.toString());
        }
        AgentConfigLoader.Overrides flags = new AgentConfigLoader.Overrides();
        Map<String, String> byFlag = new java.util.LinkedHashMap<>(ownFlags);
        byFlag.put("collector.url", "--collector");
        byFlag.forEach((key, flag) -> {
            if (args.text(flag) != null) {
                flags.put(key, args.text(flag), flag);
            }
        });
        flags.set(args.all("--set"));
        AgentPaths paths = AgentPaths.forOs(env.osFamily(), vars);
        return withoutFile ? AgentConfigLoader.loadWithoutFile(paths, vars, flags)
                : AgentConfigLoader.load(paths, vars, flags);
    }

    static List<Option> with(Option... own) {
        List<Option> all = new java.util.ArrayList<>(List.of(own));
        all.addAll(OPTIONS);
        return List.copyOf(all);
    }
}
