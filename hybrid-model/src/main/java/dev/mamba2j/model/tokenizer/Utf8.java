package dev.mamba2j.model.tokenizer;

/**
 * Lossy UTF-8 decoding as Rust's {@code String::from_utf8_lossy} does it, which is what the
 * tokenizers library returns from decode: each maximal invalid subpart becomes one U+FFFD. It can
 * also stop before a sequence that is valid so far but incomplete, for streaming.
 */
final class Utf8 {
    static final char REPLACEMENT = '\uFFFD';

    private Utf8() {}

    /**
     * Decodes {@code bytes[from, to)} into {@code out} and returns where it stopped: {@code to},
     * or, when {@code final} is false, the start of a trailing sequence still waiting for bytes.
     */
    static int decode(byte[] bytes, int from, int to, boolean isFinal, StringBuilder out) {
        int i = from;
        while (i < to) {
            int b0 = bytes[i] & 0xFF;
            if (b0 < 0x80) {
                out.append((char) b0);
                i++;
                continue;
            }
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                need = 1;
            } else if (b0 == 0xE0) {
                need = 2;
                lo = 0xA0;
            } else if (b0 == 0xED) {
                need = 2;
                hi = 0x9F;
            } else if (b0 >= 0xE1 && b0 <= 0xEF) {
                need = 2;
            } else if (b0 == 0xF0) {
                need = 3;
                lo = 0x90;
            } else if (b0 == 0xF4) {
                need = 3;
                hi = 0x8F;
            } else if (b0 >= 0xF1 && b0 <= 0xF3) {
                need = 3;
            } else {
                out.append(REPLACEMENT);
                i++;
                continue;
            }
            int cp = b0 & (0x3F >> need);
            int j = i + 1;
            boolean valid = true;
            for (int k = 0; k < need; k++, j++) {
                if (j == to) {
                    if (!isFinal) {
                        return i;
                    }
                    valid = false;
                    break;
                }
                int c = bytes[j] & 0xFF;
                if (c < (k == 0 ? lo : 0x80) || c > (k == 0 ? hi : 0xBF)) {
                    valid = false;
                    break;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (valid) {
                out.appendCodePoint(cp);
            } else {
                out.append(REPLACEMENT);
            }
            i = j;
        }
        return i;
    }
}
