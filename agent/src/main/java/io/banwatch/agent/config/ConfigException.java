package io.banwatch.agent.config;

/** A setting that cannot be used: the message names the key and where the value came from. */
public class ConfigException extends RuntimeException {
    private final boolean unreadable;

    public ConfigException(String message) {
        this(message, false);
    }

    private ConfigException(String message, boolean unreadable) {
        super(message);
        this.unreadable = unreadable;
    }

    /** The settings file exists but this user may not read it (it holds the enrollment secret). */
    public static ConfigException unreadable(String message) {
        return new ConfigException(message, true);
    }

    /** Whether the file could not be read at all, rather than holding a bad value. */
    public boolean unreadable() {
        return unreadable;
    }
}
