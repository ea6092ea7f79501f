package dev.mamba2j.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * tiny-bytelevel.json, GPT-NeoX's layout in small: ByteLevel pre-tokenizer (GPT-2 regex, no prefix
 * space), ByteLevel post-processor and decoder. Its ids 0-255 are the 256 byte characters in
 * GPT-2's order, so a byte's id is GPT-2's: '!'..'~' are 0..93 (a letter's id is its ASCII code
 * minus 33: 'a' 64, 'h' 71, 't' 83), '¡'..'¬' 94..105, '®'..'ÿ' 106..187, then the 68 moved
 * bytes in byte order: 0..32 are 188..220 ('Ċ' newline 198, 'Ġ' space 220), 127..160 are 221..254,
 * 173 is 255. The merges, by rank, and the ids of what they make:
 *
 * <pre>
 *  0 Ġ t     256 Ġt       7 Ġ hello 263 Ġhello   14 Ċ Ċ     270 ĊĊ
 *  1 h e     257 he       8 Ġ w     264 Ġw       15 Ġ Ġ     271 ĠĠ
 *  2 Ġt he   258 Ġthe     9 o r     265 or       16 1 2     272 12
 *  3 l l     259 ll      10 Ġw or   266 Ġwor     17 Ã ©     273 Ã© (é)
 *  4 e ll    260 ell     11 l d     267 ld       18 c a     274 ca
 *  5 he ll   261 hell    12 Ġwor ld 268 Ġworld   19 ca f    275 caf
 *  6 hell o  262 hello   13 ' s     269 's       20 caf Ã©  276 café
 * </pre>
 *
 * Added tokens: 277 &lt;|endoftext|&gt; and 278 &lt;|padding|&gt; (special), 279 mamba2j (not special).
 * Every expected id list below was also checked against the Rust tokenizers library.
 */
class TinyByteLevelTest {
    private static final Tokenizer TOK = Tokenizer.load(TestFiles.resource("tokenizer/tiny-bytelevel.json"));

    private static void assertEncodes(String text, int... expected) {
        assertArrayEquals(expected, TOK.encode(text), () -> "encode \"" + text + "\"");
        assertEquals(text, TOK.decode(expected), () -> "decode of \"" + text + "\"");
    }

    @Test
    void mergesApplyByRankNotByPosition() {
        // hello: "h e" (1) merges before "l l" (3): he l l o -> he ll o; "e ll" (4) can no longer
        // happen; "he ll" (5) -> hell o; "hell o" (6) -> hello. " world" is one regex word:
        // Ġ w o r l d -> Ġw (8), or (9), Ġwor (10), ld (11), Ġworld (12).
        assertEncodes("hello world", 262, 268);
        // Ġ h has no merge, so Ġ waits until hello is whole, then "Ġ hello" (7).
        assertEncodes(" hello", 263);
        // t h e: only "h e" applies; with a space, "Ġ t" (0) first, then he, then "Ġt he" (2).
        assertEncodes("the", 83, 257);
        assertEncodes(" the", 258);
        // é is Ã ©: "Ã ©" (17) beats "c a" (18), then ca f (19), then caf Ã© (20).
        assertEncodes("café", 276);
    }

    @Test
    void theGpt2RegexDecidesTheWords() {
        // "'s" is its own word ("it", "'s"): i t stay apart, ' s merge (13).
        assertEncodes("it's", 72, 83, 269);
        // \s+(?!\S) stops one short of the 'b', so the two newlines are two words and "Ċ Ċ" never
        // meets; at the end of the text they stay together and merge (14).
        assertEncodes("a\n\nb", 64, 198, 198, 65);
        assertEncodes("a\n\n", 64, 270);
        // Three spaces before a word: "  " (ĠĠ, 15) then " b" (Ġ b, no merge).
        assertEncodes("a   b", 64, 271, 220, 65);
        // Digits run together: 1 2 merge (16), 3 4 5 stay ('1' is 16, '3' 18).
        assertEncodes("12345", 272, 18, 19, 20);
        // The emoji U+1F642 is F0 9F 99 82: 'ð' 172, then the moved bytes 159, 153, 130 -> 253, 247, 224.
        assertEncodes("🙂", 172, 253, 247, 224);
        assertEncodes("");
    }

    @Test
    void addedTokensAreCutOutBeforeTheRegex() {
        assertEncodes("<|endoftext|>hello", 277, 262);
        assertEncodes("hello<|endoftext|>", 262, 277);
        // mamba2j is matched in the raw text: "I use " | mamba2j | " daily"; "I use " gives I,
        // Ġ u s e (no merges), Ġ; " daily" gives Ġ d a i l y.
        assertEncodes("I use mamba2j daily", 40, 220, 84, 82, 68, 220, 279, 220, 67, 64, 72, 75, 88);
    }

    @Test
    void theByteLevelPostProcessorAddsNothing() {
        assertArrayEquals(TOK.encode("hello", false), TOK.encode("hello", true));
    }

    @Test
    void decodeCanLeaveSpecialTokensOut() {
        int[] ids = {277, 262, 279, 278};
        assertEquals("<|endoftext|>hellomamba2j<|padding|>", TOK.decode(ids));
        assertEquals("hellomamba2j", TOK.decode(ids, true));
        // An id no token has is skipped; half an emoji is one U+FFFD.
        assertEquals("hello", TOK.decode(new int[] {9999, 262}));
        assertEquals("\uFFFD", TOK.decode(new int[] {172, 253}));
    }

    @Test
    void vocabularyLookups() {
        assertEquals(280, TOK.vocabSize());
        assertEquals(OptionalInt.of(220), TOK.tokenId("Ġ"));
        assertEquals(OptionalInt.of(268), TOK.tokenId("Ġworld"));
        assertEquals(OptionalInt.of(277), TOK.tokenId("<|endoftext|>"));
        assertEquals(OptionalInt.empty(), TOK.tokenId(" world"));
        assertEquals("Ġworld", TOK.token(268).orElseThrow());
        assertEquals("mamba2j", TOK.token(279).orElseThrow());
        assertTrue(TOK.token(280).isEmpty());
        assertTrue(TOK.isSpecial(277));
        assertFalse(TOK.isSpecial(279));
        assertFalse(TOK.isSpecial(262));
        assertEquals(List.of(
                new AddedToken(277, "<|endoftext|>", true, false, false, false, false),
                new AddedToken(278, "<|padding|>", true, false, false, false, false),
                new AddedToken(279, "mamba2j", false, false, false, false, false)), TOK.addedTokens());
    }
}
