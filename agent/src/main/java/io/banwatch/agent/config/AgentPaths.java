package io.banwatch.agent.config;

import io.banwatch.model.OsFamily;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the agent keeps its configuration, its state (spool, host token, status) and its logs, in
 * each OS's usual place; environment variables move them (tests, non-root runs).
 *
 * @param configFile the settings file
 * @param stateDir   spool, host tokens and status
 * @param logDir     the rolling log file
 */
public record AgentPaths(Path configFile, Path stateDir, Path logDir) {

    public static AgentPaths forOs(OsFamily osFamily, Map<String, String> env) {
        AgentPaths defaults = switch (osFamily) {
            case WINDOWS -> {
                Path data = Path.of(env.getOrDefault("ProgramData", "C:\\ProgramData"), "banwatch");
                yield new AgentPaths(data.resolve("agent.conf"), data, data.resolve("logs"));
            }
            case MACOS -> {
                Path support = Path.of("/Library/Application Support/banwatch");
                yield new AgentPaths(support.resolve("agent.conf"), support, Path.of("/Library/Logs/banwatch"));
            }
            case LINUX -> new AgentPaths(Path.of("/etc/banwatch/agent.conf"), Path.of("/var/lib/banwatch"),
                    Path.of("/var/log/banwatch"));
        };
        return new AgentPaths(
                env.containsKey("BANWATCH_CONFIG") ? Path.of(env.get("BANWATCH_CONFIG")) : defaults.configFile(),
                env.containsKey("BANWATCH_STATE_DIR") ? Path.of(env.get("BANWATCH_STATE_DIR")) : defaults.stateDir(),
                env.containsKey("BANWATCH_LOG_DIR") ? Path.of(env.get("BANWATCH_LOG_DIR")) : defaults.logDir());
    }

    public Path spoolDir() {
        return stateDir.resolve("spool");
    }

    /** This machine's host token. */
    public Path tokenFile() {
        return stateDir.resolve("host-token");
    }

    /** The tokens of other hosts whose reports this agent sent (images scanned with --root), one file each. */
    public Path hostTokensDir() {
        return stateDir.resolve("host-tokens");
    }

    public Path statusFile() {
        return stateDir.resolve("status.properties");
    }
}
