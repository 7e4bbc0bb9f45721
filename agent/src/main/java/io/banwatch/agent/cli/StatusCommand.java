package io.banwatch.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.banwatch.agent.cli.AgentEnvironment;
import io.banwatch.agent.config.AgentConfig;
import io.banwatch.agent.send.AgentStatus;
import io.banwatch.agent.send.HostToken;
import io.banwatch.agent.send.Transport;
import io.banwatch.agent.spool.SpooledReport;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code banwatch status}: last scan, last send, spool depth, enrollment and whether the collector answers. */
final class StatusCommand implements Subcommand {
    private static final List<Option> OPTIONS = ConfigOptions.with(Option.flag("--json", "Print as JSON."));

    private final AgentEnvironment env;

    StatusCommand(AgentEnvironment env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String description() {
        return "Shows the last scan, the last successful send, the spool and the collector's reachability.";
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public List<Usage.Code> exitCodes() {
        return List.of(
                new Usage.Code(ExitCode.CLEAN, "the status was shown, whether or not the collector answers"),
                new Usage.Code(ExitCode.ERROR, "usage error, a bad setting, or the state could not be read"));
    }

    @Override
    public int run(ParsedArgs args, PrintWriter out, PrintWriter err) {
        boolean json = args.flag("--json");
        AgentConfig config = ConfigOptions.load(env, args, Map.of());
        Transport transport = new Transport(config, env.clock(), env.version(), env.sleeper());
        AgentStatus.Snapshot s = transport.status().read();
        List<SpooledReport> pending = transport.spool().pending();
        long bytes = pending.stream().mapToLong(SpooledReport::size).sum();
        long withFindings = pending.stream().filter(SpooledReport::hasFindings).count();
        Optional<HostToken.Stored> token = transport.token().read();
        String reachability = config.collectorUrl() == null ? "not configured" : transport.client().health();

        // Only a file that is there is named: without one, the settings are the defaults and the environment.
        boolean hasFile = java.nio.file.Files.exists(config.paths().configFile());
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("config", hasFile ? config.paths().configFile().toString() : null);
        n.put("collector", config.collectorUrl() == null ? null : config.collectorUrl().toString());
        n.put("collectorReachability", reachability);
        n.put("enrolledHostId", token.map(HostToken.Stored::hostId).orElse(null));
        n.put("profile", config.profile());
        n.put("lastScanAt", text(s.lastScanAt()));
        n.put("lastScanFindings", s.lastScanFindings());
        n.put("lastSendAt", text(s.lastSendAt()));
        n.put("lastSendResult", s.lastSendResult());
        n.put("spoolReports", pending.size());
        n.put("spoolReportsWithFindings", withFindings);
        n.put("spoolBytes", bytes);
        if (json) {
            out.println(n.toPrettyString());
        } else {
            out.printf("Config       %s%n", hasFile ? config.paths().configFile()
                    : "no settings file (defaults and environment)");
            out.printf("Collector    %s (%s)%n", config.collectorUrl() == null ? "-" : config.collectorUrl(), reachability);
            out.printf("Enrolled     %s%n", token.map(t -> "yes, host id " + t.hostId()).orElse("no"));
            out.printf("Profile      %s%n", config.profile());
            out.printf("Last scan    %s%s%n", s.lastScanAt() == null ? "never" : s.lastScanAt(),
                    s.lastScanFindings() == null ? "" : " (" + s.lastScanFindings() + " findings)");
            out.printf("Last send    %s%n", s.lastSendAt() == null ? "never" : s.lastSendAt());
            if (s.lastSendFailed()) {
                out.printf("Last problem %s%n", s.lastSendResult());
            }
            out.printf("Spool        %d report%s waiting (%d with findings), %,d bytes, in %s%n", pending.size(),
                    pending.size() == 1 ? "" : "s", withFindings, bytes, transport.spool().dir());
        }
        out.flush();
        return ExitCode.CLEAN;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
