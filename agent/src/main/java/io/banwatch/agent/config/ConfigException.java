package io.banwatch.agent.config;

/** A setting that cannot be used: the message names the key and where the value came from. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
