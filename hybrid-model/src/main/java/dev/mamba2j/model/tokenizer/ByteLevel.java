package dev.mamba2j.model.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * GPT-2's reversible map from bytes to printable characters: byte-level BPE works on text whose
 * every UTF-8 byte became one character, so that no byte is whitespace or a control character.
 * Printable Latin-1 bytes map to themselves; the 68 others, in byte order, to U+0100 onwards (the
 * space becomes U+0120 'Ġ', the newline U+010A 'Ċ').
 */
final class ByteLevel {
    private static final char[] BYTE_TO_CHAR = new char[256];
    /** Indexed by character (all below U+0144); -1 for a character that stands for no byte. */
    private static final int[] CHAR_TO_BYTE = new int[0x144];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + shifted++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {}

    /** The text's UTF-8 bytes, one mapped character each. */
    static String toChars(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(chars);
    }

    /** The character byte {@code b} (0-255) maps to. */
    static char charOf(int b) {
        return BYTE_TO_CHAR[b];
    }

    /**
     * Appends the bytes a token stands for. A token with a character outside the map (an added
     * token such as "&lt;|im start|&gt;" with a plain space) goes out as its own UTF-8, as the
     * library's ByteLevel decoder does.
     */
    static void appendBytes(String token, ByteArrayOutputStream out) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= CHAR_TO_BYTE.length || CHAR_TO_BYTE[c] < 0) {
                out.writeBytes(token.getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        for (int i = 0; i < token.length(); i++) {
            out.write(CHAR_TO_BYTE[token.charAt(i)]);
        }
    }
}
