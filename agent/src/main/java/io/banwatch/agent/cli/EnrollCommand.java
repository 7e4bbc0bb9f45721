package io.banwatch.agent.cli;

import io.banwatch.agent.cli.AgentEnvironment;
import io.banwatch.agent.config.AgentConfig;
import io.banwatch.agent.logging.FileLogging;
import io.banwatch.agent.send.HostToken;
import io.banwatch.agent.send.Transport;
import io.banwatch.model.Host;
import io.banwatch.rules.RuleSet;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code banwatch enroll}: registers this host with the collector and stores its token. */
final class EnrollCommand implements Subcommand {
    private static final List<Option> OPTIONS = ConfigOptions.with(
            Option.valued("--secret", "SECRET", "The enrollment secret (overrides enrollment.secret; prefer the"
                    + " file or BANWATCH_ENROLLMENT_SECRET)."));

    private final AgentEnvironment env;

    EnrollCommand(AgentEnvironment env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "enroll";
    }

    @Override
    public String description() {
        return "Enrolls this host with the collector using the fleet's enrollment secret.";
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public List<Usage.Code> exitCodes() {
        return List.of(
                new Usage.Code(ExitCode.CLEAN, "enrolled; the host token is stored"),
                new Usage.Code(ExitCode.ERROR, "usage error, a bad or missing setting, or the enrollment failed (the"
                        + " collector could not be reached or refused the secret)"));
    }

    @Override
    public int run(ParsedArgs args, PrintWriter out, PrintWriter err) {
        AgentConfig config = ConfigOptions.load(env, args, Map.of("enrollment.secret", "--secret"));
        FileLogging.enable(config.paths().logDir(), config.logLevel());
        Transport transport = new Transport(config, env.clock(), env.version(), env.sleeper());
        Host host = env.sources().live(RuleSet.builtIn()).read().host();
        HostToken.Stored stored = transport.enroll(host);
        out.printf("Enrolled %s (host id %s) with %s%n", host.hostname(), stored.hostId(),
                stored.collector());
        return ExitCode.CLEAN;
    }
}
