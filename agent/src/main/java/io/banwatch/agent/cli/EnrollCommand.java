package io.banwatch.agent.cli;

import io.banwatch.agent.AgentEnvironment;
import io.banwatch.agent.config.AgentConfig;
import io.banwatch.agent.logging.FileLogging;
import io.banwatch.agent.send.HostToken;
import io.banwatch.agent.send.Transport;
import io.banwatch.model.Host;
import io.banwatch.rules.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code banwatch enroll}: registers this host with the collector and stores its token. */
@Command(name = "enroll", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Enrolls this host with the collector using the fleet's enrollment secret.")
public final class EnrollCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Option(names = "--secret", paramLabel = "SECRET",
            description = "The enrollment secret (overrides enrollment.secret; prefer the file or BANWATCH_ENROLLMENT_SECRET).")
    String secret;

    private final AgentEnvironment env;

    EnrollCommand(AgentEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Map<String, String> flags = new HashMap<>();
        if (secret != null) {
            flags.put("enrollment.secret", secret);
        }
        AgentConfig config = options.load(env, flags);
        FileLogging.enable(config.paths().logDir(), config.logLevel());
        Transport transport = new Transport(config, env.clock(), env.version(), env.sleeper());
        Host host = env.collectors().live(RuleSet.builtIn()).collect().host();
        HostToken.Stored stored = transport.enroll(host);
        spec.commandLine().getOut().printf("Enrolled %s (host id %s) with %s%n", host.hostname(), stored.hostId(),
                stored.collector());
        spec.commandLine().getOut().flush();
        return ExitCode.CLEAN;
    }
}
