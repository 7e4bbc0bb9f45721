package io.banwatch.agent.config;

import io.banwatch.model.Choices;
import io.banwatch.settings.LayeredSettings;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code agent.conf} (Java properties), then environment variables ({@code BANWATCH_} plus
 * the key in upper case with '.' and '-' as '_', e.g. {@code BANWATCH_COLLECTOR_URL}), then
 * command-line flags ({@code --set KEY=VALUE} and a command's own); each overrides the one before.
 * A missing file is fine (defaults); a bad value is one error naming the key and the file,
 * variable or flag it came from.
 */
public final class AgentConfigLoader {
    private static final String ENV_PREFIX = "BANWATCH_";

    public static final Set<String> KEYS = Set.of("collector.url", "enrollment.secret", "profile", "proxy",
            "tls.ca-file", "tls.pin-sha256", "spool.max-reports", "spool.max-bytes", "log.level",
            "schedule.window-minutes");

    private AgentConfigLoader() {
    }

    /**
     * Settings given on the command line, each with the flag that gave it (named in errors):
     * {@code --set KEY=VALUE} for any key, and a command's own flags such as {@code --collector}.
     */
    public static final class Overrides {
        private final Map<String, String> values = new HashMap<>();
        private final Map<String, String> origins = new HashMap<>();

        /** One key's value; a key given twice (by two flags, or one flag twice) is an error. */
        public Overrides put(String key, String value, String origin) {
            String before = origins.putIfAbsent(key, origin);
            if (before != null) {
                throw new ConfigException(origin + ": " + key + (before.equals(origin) ? " is given twice"
                        : " is also given by " + before) + "; give it once");
            }
            values.put(key, value);
            return this;
        }

        /** {@code --set KEY=VALUE} arguments: each must name a known key. */
        public Overrides set(List<String> keyValues) {
            for (String kv : keyValues) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new ConfigException("--set: '" + kv + "' is not KEY=VALUE (e.g. --set log.level=debug)");
                }
                String key = kv.substring(0, eq).strip();
                if (!KEYS.contains(key)) {
                    throw new ConfigException("--set: " + unknownKey(key));
                }
                put(key, kv.substring(eq + 1), "--set");
            }
            return this;
        }

        static Overrides of(Map<String, String> flags) {
            Overrides o = new Overrides();
            flags.forEach((key, value) -> o.put(key, value, "command line"));
            return o;
        }
    }

    /**
     * @param paths the OS's paths (the config file among them)
     * @param env   the environment
     * @param flags values from command-line flags, by key
     */
    public static AgentConfig load(AgentPaths paths, Map<String, String> env, Map<String, String> flags) {
        return load(paths, env, Overrides.of(flags));
    }

    /** The same with flags that name where each value came from ({@code --set}, {@code --collector}). */
    public static AgentConfig load(AgentPaths paths, Map<String, String> env, Overrides flags) {
        Properties file = new Properties();
        Path configFile = paths.configFile();
        boolean explicit = env.containsKey("BANWATCH_CONFIG") || flags.values.containsKey("config");
        try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            file.load(r);
        } catch (NoSuchFileException e) {
            if (explicit) {
                throw new ConfigException(configFile + ": no such file");
            }
        } catch (AccessDeniedException e) {
            throw ConfigException.unreadable(configFile + ": permission denied (run as root or Administrator)");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(configFile + ": cannot read: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage().strip().replaceFirst("\\.+$", "")));
        }
        Set<String> unknown = new TreeSet<>(file.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new ConfigException(configFile + ": " + unknownKey(unknown.iterator().next()));
        }
        return build(paths, settings(file, configFile.toString(), env, flags));
    }

    /** Environment and flags only, as if the settings file were absent (it exists but may not be read). */
    public static AgentConfig loadWithoutFile(AgentPaths paths, Map<String, String> env, Overrides flags) {
        return build(paths, settings(new Properties(), paths.configFile().toString(), env, flags));
    }

    private static AgentConfig build(AgentPaths paths, LayeredSettings v) {
        AgentConfig d = AgentConfig.defaults(paths);
        return new AgentConfig(paths, url(v), secret(v), profile(v), proxy(v), caFile(v), pins(v),
                (int) v.number("spool.max-reports", d.spoolMaxReports(), 1, 100_000),
                v.number("spool.max-bytes", d.spoolMaxBytes(), 1024 * 1024, 1L << 40),
                level(v), (int) v.number("schedule.window-minutes", d.scheduleWindowMinutes(), 0, 24 * 60));
    }

    private static String unknownKey(String key) {
        return "unknown key '" + key + "' (known keys: " + String.join(", ", new TreeSet<>(KEYS)) + ")";
    }

    private static URI url(LayeredSettings v) {
        String text = v.get("collector.url");
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw v.bad("collector.url", "must be an http:// or https:// URL with a host, not '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw v.bad("collector.url", "is not a URL: " + e.getMessage());
        }
    }

    /** The collector's minimum (its own {@code enrollment.secret} must be this long). */
    static final int MIN_SECRET_LENGTH = 16;

    /**
     * Too short for the collector to have issued: a typo or a truncated paste, better said now than as
     * a refused enrollment later. Blank is "not set" (the shipped agent.conf has an empty line for it).
     */
    private static String secret(LayeredSettings v) {
        String secret = v.get("enrollment.secret");
        if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
            // Never echo a secret, not even a wrong one.
            throw v.bad("enrollment.secret", "must be at least " + MIN_SECRET_LENGTH + " characters (the collector's"
                    + " minimum), not " + secret.length());
        }
        return secret;
    }

    /** Exactly as written: the settings file keeps the canonical spelling (the flags accept any case). */
    private static String profile(LayeredSettings v) {
        String profile = v.getOr("profile", AgentConfig.DEFAULT_PROFILE);
        if (!AgentConfig.PROFILES.contains(profile)) {
            throw v.bad("profile", "must be " + Choices.oneOf(AgentConfig.PROFILES.stream().sorted().toList()) + ", not '"
                    + profile + "'");
        }
        return profile;
    }

    private static InetSocketAddress proxy(LayeredSettings v) {
        String text = v.get("proxy");
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text.contains("://") ? text : "http://" + text);
            if (uri.getHost() == null || uri.getPort() <= 0) {
                throw v.bad("proxy", "must be host:port or http://host:port, not '" + text + "'");
            }
            return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort());
        } catch (URISyntaxException e) {
            throw v.bad("proxy", "must be host:port or http://host:port, not '" + text + "'");
        }
    }

    private static Path caFile(LayeredSettings v) {
        String text = v.get("tls.ca-file");
        if (text == null) {
            return null;
        }
        Path p = Path.of(text);
        if (!Files.isReadable(p)) {
            throw v.bad("tls.ca-file", "cannot read " + text);
        }
        return p;
    }

    private static List<String> pins(LayeredSettings v) {
        String text = v.get("tls.pin-sha256");
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String pin : text.split("[,\\s]+")) {
            if (pin.isBlank()) {
                continue;
            }
            String p = pin.startsWith("sha256/") ? pin.substring(7) : pin;
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(p);
            } catch (IllegalArgumentException e) {
                throw v.bad("tls.pin-sha256", "'" + pin + "' is not base64");
            }
            if (decoded.length != 32) {
                throw v.bad("tls.pin-sha256", "'" + pin + "' is not a SHA-256 (32 bytes)");
            }
            out.add(p);
        }
        return out;
    }

    private static String level(LayeredSettings v) {
        String level = v.getOr("log.level", "info").toLowerCase(Locale.ROOT);
        if (!Set.of("error", "warn", "info", "debug").contains(level)) {
            throw v.bad("log.level", "must be error, warn, info or debug, not '" + level + "'");
        }
        return level;
    }

    /** Flags, then environment, then the file; errors name the flag, the variable or the file. */
    private static LayeredSettings settings(Properties file, String fileName, Map<String, String> env, Overrides flags) {
        return new LayeredSettings(ENV_PREFIX, file, fileName, env, flags.values, flags.origins::get, ConfigException::new);
    }
}
