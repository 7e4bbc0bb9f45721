package io.banwatch.agent.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The agent's settings.
 *
 * @param paths                 where config, state and logs live
 * @param collectorUrl          the collector's base URL, or null when the agent only scans locally
 * @param enrollmentSecret      the fleet's enrollment secret, or null
 * @param profile               the compliance profile the agent judges with
 * @param proxy                 an HTTP proxy, or null
 * @param caFile                a PEM bundle of CAs to trust for the collector, or null for the system's
 * @param pinsSha256            base64 SHA-256 pins of the collector's public key (SPKI); empty for none
 * @param spoolMaxReports       most reports kept waiting
 * @param spoolMaxBytes         most bytes kept waiting
 * @param logLevel              error, warn, info or debug
 * @param scheduleWindowMinutes a scheduled run waits a random time in this window first (0: none)
 */
public record AgentConfig(AgentPaths paths, URI collectorUrl, String enrollmentSecret, String profile,
                          InetSocketAddress proxy, Path caFile, List<String> pinsSha256, int spoolMaxReports,
                          long spoolMaxBytes, String logLevel, int scheduleWindowMinutes) {

    public static final String DEFAULT_PROFILE = "us-private";
    /**
     * The built-in rule packs' profiles, the ones {@code profile} may name (a {@code --rules} pack's own
     * profile is chosen with {@code scan --profile}). A test keeps this equal to the seeds.
     */
    public static final Set<String> PROFILES = Set.of("us-federal", "us-federal-contractor", "us-private");

    public AgentConfig {
        pinsSha256 = List.copyOf(pinsSha256);
    }

    /**
     * A required setting is missing: one line saying where it can be given. The settings file is
     * named as the place it is in when it exists, else as the place to create.
     *
     * @param flag the command-line flag that gives it, e.g. {@code --collector URL}
     */
    public String notSet(String key, String flag) {
        String env = "BANWATCH_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
        return java.nio.file.Files.exists(paths.configFile())
                ? paths.configFile() + ": " + key + " is not set (set it there, or pass " + flag + ", or " + env + ")"
                : key + " is not set (set it in " + paths.configFile() + ", or pass " + flag + ", or " + env + ")";
    }

    /** Everything at its default; no collector. */
    public static AgentConfig defaults(AgentPaths paths) {
        return new AgentConfig(paths, null, null, DEFAULT_PROFILE, null, null, List.of(), 500, 256L * 1024 * 1024,
                "info", 240);
    }
}
