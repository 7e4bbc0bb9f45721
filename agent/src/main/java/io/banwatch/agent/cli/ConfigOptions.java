package io.banwatch.agent.cli;

import io.banwatch.agent.AgentEnvironment;
import io.banwatch.agent.config.AgentConfig;
import io.banwatch.agent.config.AgentConfigLoader;
import io.banwatch.agent.config.AgentPaths;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The options every command that talks to the collector shares. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Agent settings file (default: the OS's usual place, e.g. /etc/banwatch/agent.conf).")
    Path config;

    @Option(names = "--collector", paramLabel = "URL", description = "The collector's URL (overrides collector.url).")
    String collector;

    AgentConfig load(AgentEnvironment env, Map<String, String> more) {
        Map<String, String> vars = new HashMap<>(env.env());
        if (config != null) {
            vars.put("BANWATCH_CONFIG", config.toString());
        }
        Map<String, String> flags = new HashMap<>(more);
        if (collector != null) {
            flags.put("collector.url", collector);
        }
        return AgentConfigLoader.load(AgentPaths.forOs(env.osFamily(), vars), vars, flags);
    }
}
