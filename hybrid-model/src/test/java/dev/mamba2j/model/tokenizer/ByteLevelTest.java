package dev.mamba2j.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ByteLevelTest {

    @Test
    void printableBytesStandForThemselvesAndTheOthersMoveAboveU0100() {
        assertEquals('!', ByteLevel.charOf('!'));
        assertEquals('~', ByteLevel.charOf('~'));
        assertEquals('é', ByteLevel.charOf(0xE9));
        // Bytes 0..32 come first among the moved ones: NUL is U+0100, '\n' U+010A, ' ' U+0120.
        assertEquals('\u0100', ByteLevel.charOf(0));
        assertEquals('Ċ', ByteLevel.charOf('\n'));
        assertEquals('Ġ', ByteLevel.charOf(' '));
        // Then 127..160, then the soft hyphen 173, the last of the 68.
        assertEquals('\u0121', ByteLevel.charOf(127));
        assertEquals('\u0143', ByteLevel.charOf(0xAD));
        Set<Character> distinct = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            distinct.add(ByteLevel.charOf(b));
        }
        assertEquals(256, distinct.size());
    }

    @Test
    void textBecomesOneCharacterPerUtf8Byte() {
        // é is C3 A9: 'Ã' and '©'; the emoji is four bytes.
        assertEquals("ĠcafÃ©", ByteLevel.toChars(" café"));
        assertEquals(4, ByteLevel.toChars("🙂").length());
    }

    @Test
    void everyByteComesBack() {
        byte[] all = new byte[256];
        StringBuilder token = new StringBuilder();
        for (int b = 0; b < 256; b++) {
            all[b] = (byte) b;
            token.append(ByteLevel.charOf(b));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteLevel.appendBytes(token.toString(), out);
        assertArrayEquals(all, out.toByteArray());
    }

    @Test
    void aTokenWithACharacterOutsideTheMapGoesOutAsItsOwnUtf8() {
        // A plain space is not in the map (it is written 'Ġ'), so the whole token is taken as text.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteLevel.appendBytes("<|im start|>", out);
        assertEquals("<|im start|>", out.toString(StandardCharsets.UTF_8));
    }
}
