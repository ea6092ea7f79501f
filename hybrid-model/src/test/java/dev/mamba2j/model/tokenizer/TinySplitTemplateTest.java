package dev.mamba2j.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * tiny-split-template.json, Llama-3's layout in small: NFC normalizer; a Split on Llama-3's regex
 * followed by ByteLevel without its own regex; {@code ignore_merges}; merges written as pairs; a
 * TemplateProcessing that puts &lt;|begin_of_text|&gt; (263) first. Ids 0-255 are the byte
 * characters as in tiny-bytelevel.json ('a' 64, 'Ġ' 220, 'Ċ' 198). Merges: 0 h e → 256 he, 1 l l →
 * 257 ll, 2 Ġ w → 258 Ġw, 3 1 2 → 259 12, 4 Ã © → 260 é. The vocabulary also holds 261 hello and
 * 262 Ġworld, which no merge makes. 264 is &lt;|end_of_text|&gt;. Every expected id list below was
 * also checked against the Rust tokenizers library.
 */
class TinySplitTemplateTest {
    private static final Tokenizer TOK = Tokenizer.load(TestFiles.resource("tokenizer/tiny-split-template.json"));

    @Test
    void ignoreMergesTakesAWholeWordFromTheVocabulary() {
        // "hello" and " world" are words of the regex and entries of the vocabulary: taken whole.
        assertArrayEquals(new int[] {261, 262}, TOK.encode("hello world", false));
        // "hellos" is not in the vocabulary: merges apply, he ll o s.
        assertArrayEquals(new int[] {256, 257, 78, 82}, TOK.encode("hellos", false));
    }

    @Test
    void theTemplateAddsBeginOfTextWhenAsked() {
        assertArrayEquals(new int[] {263, 261, 262}, TOK.encode("hello world"));
        assertArrayEquals(new int[] {263}, TOK.encode(""));
        assertArrayEquals(new int[] {}, TOK.encode("", false));
        assertArrayEquals(new int[] {263, 264}, TOK.encode("<|end_of_text|>"));
        assertEquals("hello world", TOK.decode(new int[] {263, 261, 262}, true));
    }

    @Test
    void llama3RegexWords() {
        // \p{N}{1,3}: "123" and "45"; 1 2 merge.
        assertArrayEquals(new int[] {259, 18, 19, 20}, TOK.encode("12345", false));
        // The case-insensitive contraction comes first: "'s" then "up", not "'sup".
        assertArrayEquals(new int[] {6, 82, 84, 79}, TOK.encode("'sup", false));
        // a | \n\n (\s*[\r\n]+) | " " (\s+(?!\S)) | " b".
        assertArrayEquals(new int[] {64, 198, 198, 220, 220, 65}, TOK.encode("a\n\n  b", false));
    }

    @Test
    void nfcComposesBeforeTheRegexSeesTheText() {
        // e + U+0301 becomes é (C3 A9 -> 260); without NFC the combining mark would split the word.
        assertArrayEquals(new int[] {66, 64, 69, 260}, TOK.encode("cafe\u0301", false));
        assertArrayEquals(TOK.encode("café", false), TOK.encode("cafe\u0301", false));
    }
}
