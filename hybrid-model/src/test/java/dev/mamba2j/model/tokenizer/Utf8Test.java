package dev.mamba2j.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Expected strings are what Rust's {@code String::from_utf8_lossy} returns for the same bytes. */
class Utf8Test {

    private static String lossy(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        StringBuilder out = new StringBuilder();
        assertEquals(b.length, Utf8.decode(b, 0, b.length, true, out));
        return out.toString();
    }

    @Test
    void validTextDecodesAsIs() {
        String text = "aé中🙂\u0000\u007F\uFFFF";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        Utf8.decode(b, 0, b.length, true, out);
        assertEquals(text, out.toString());
    }

    @Test
    void eachMaximalInvalidSubpartIsOneReplacement() {
        assertEquals("\uFFFD", lossy(0xF0, 0x9F, 0x99));         // a truncated emoji: one
        assertEquals("\uFFFDA", lossy(0xE2, 0x82, 0x41));         // lead and continuation, then A
        assertEquals("\uFFFD\uFFFD", lossy(0xC0, 0x80));          // C0 never leads; 80 never starts
        assertEquals("\uFFFD\uFFFD\uFFFD", lossy(0xED, 0xA0, 0x80)); // a surrogate: ED takes only 80-9F
        assertEquals("\uFFFD\uFFFD\uFFFD\uFFFD", lossy(0xF4, 0x90, 0x80, 0x80)); // above U+10FFFF
        assertEquals("\uFFFD\uFFFD", lossy(0xE0, 0x80));          // overlong: E0 takes only A0-BF
        assertEquals("\uFFFDa\uFFFD", lossy(0xFF, 'a', 0xFE));
    }

    @Test
    void anIncompleteSequenceWaitsUnlessTheInputHasEnded() {
        byte[] b = {'h', 'i', (byte) 0xF0, (byte) 0x9F};
        StringBuilder out = new StringBuilder();
        assertEquals(2, Utf8.decode(b, 0, b.length, false, out));
        assertEquals("hi", out.toString());
        // A byte that cannot continue it settles the question at once.
        byte[] c = {(byte) 0xF0, (byte) 0x9F, 'x'};
        out.setLength(0);
        assertEquals(3, Utf8.decode(c, 0, c.length, false, out));
        assertEquals("\uFFFDx", out.toString());
    }
}
