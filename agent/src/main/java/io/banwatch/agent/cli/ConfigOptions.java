package io.banwatch.agent.cli;

import io.banwatch.agent.AgentEnvironment;
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
            Option.valued("--collector", "URL", "The collector's URL (overrides collector.url)."));

    private ConfigOptions() {
    }

    /** Settings from the file, BANWATCH_* variables and these flags (flags win). */
    static AgentConfig load(AgentEnvironment env, ParsedArgs args, Map<String, String> more) {
        Map<String, String> vars = new HashMap<>(env.env());
        Path config = args.path("--config");
        if (config != null) {
            vars.put("BANWATCH_CONFIG", config.toString());
        }
        Map<String, String> flags = new HashMap<>(more);
        if (args.text("--collector") != null) {
            flags.put("collector.url", args.text("--collector"));
        }
        return AgentConfigLoader.load(AgentPaths.forOs(env.osFamily(), vars), vars, flags);
    }

    static List<Option> with(Option... own) {
        List<Option> all = new java.util.ArrayList<>(List.of(own));
        all.addAll(OPTIONS);
        return List.copyOf(all);
    }
}
