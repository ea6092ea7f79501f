package dev.mamba2j.model.weights;

/**
 * Weights that cannot be read: a missing or malformed file, a tensor missing or of the wrong shape
 * or dtype, a format this release does not read. The message starts with the file and names the
 * tensor where one is at fault.
 */
public final class WeightException extends RuntimeException {
    public WeightException(String message) { super(message); }

    public WeightException(String message, Throwable cause) { super(message, cause); }
}
