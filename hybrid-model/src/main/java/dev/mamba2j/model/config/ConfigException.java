package dev.mamba2j.model.config;

/**
 * A config.json that cannot describe a supported model: unreadable, malformed, a field of the wrong
 * type or range, sizes that disagree, or a model family this release does not run. The message
 * always starts with the file, and names the field where one is at fault.
 */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) { super(message); }

    public ConfigException(String message, Throwable cause) { super(message, cause); }
}
