package dev.mamba2j.model.tokenizer;

import java.io.ByteArrayOutputStream;

/**
 * Decodes generated ids one at a time without cutting a character in two: a token that ends
 * inside a multi-byte UTF-8 character gives "" and its bytes wait for the next token. What {@link
 * #next} returns, followed by {@link #flush}, is exactly {@link Tokenizer#decode} of all the ids.
 * Not thread-safe.
 */
public final class StreamingDecoder {
    private final Tokenizer tokenizer;
    private final boolean skipSpecialTokens;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean first = true;

    StreamingDecoder(Tokenizer tokenizer, boolean skipSpecialTokens) {
        this.tokenizer = tokenizer;
        this.skipSpecialTokens = skipSpecialTokens;
    }

    /** The text that the id completes; "" while a character is still incomplete. */
    public String next(int id) {
        String token = tokenizer.decodable(id, skipSpecialTokens);
        if (token == null) {
            return "";
        }
        tokenizer.decoder().append(token, first, pending);
        first = false;
        return drain(false);
    }

    /**
     * Ends the text: bytes still waiting become U+FFFD, as decode renders a truncated character.
     * The decoder then starts afresh.
     */
    public String flush() {
        String rest = drain(true);
        first = true;
        return rest;
    }

    private String drain(boolean isFinal) {
        byte[] bytes = pending.toByteArray();
        StringBuilder out = new StringBuilder();
        int used = Utf8.decode(bytes, 0, bytes.length, isFinal, out);
        pending.reset();
        pending.write(bytes, used, bytes.length - used);
        return out.toString();
    }
}
