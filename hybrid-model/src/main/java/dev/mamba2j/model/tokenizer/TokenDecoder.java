package dev.mamba2j.model.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns tokens back into bytes, which then decode as UTF-8 with {@link Utf8}. Working in bytes lets
 * a streaming decoder hold back half a character that the next token completes.
 */
interface TokenDecoder {
    /** Appends the bytes of {@code token}; {@code first} when no token came before it. */
    void append(String token, boolean first, ByteArrayOutputStream out);

    /** ByteLevel: each character back to its byte. */
    TokenDecoder BYTE_LEVEL = (token, first, out) -> ByteLevel.appendBytes(token, out);

    /** No decoder: the tokens as they are, joined by spaces, as the library does then. */
    TokenDecoder NONE = (token, first, out) -> {
        if (!first) {
            out.write(' ');
        }
        out.writeBytes(token.getBytes(StandardCharsets.UTF_8));
    };
}
