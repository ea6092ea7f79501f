package dev.mamba2j.model.tokenizer;

/**
 * A tokenizer.json that cannot be read or uses an option this package does not implement, or an
 * encode the file's own settings make impossible; the message names the file and the field.
 */
public class TokenizerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TokenizerException(String message) { super(message); }

    public TokenizerException(String message, Throwable cause) { super(message, cause); }
}
