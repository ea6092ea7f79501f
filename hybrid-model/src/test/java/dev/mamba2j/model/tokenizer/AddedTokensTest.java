package dev.mamba2j.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Added-token matching and its flags, on a character-level vocabulary with no merges and no
 * pre-tokenizer, so that text outside added tokens comes out one character per token and the
 * added tokens stand out. The cases are the library's own unit tests for its added vocabulary.
 */
class AddedTokensTest {
    private static final String CHARS = " abcdefghijklmnopqrstuvwxyzD<>[]";

    @TempDir
    Path dir;

    private record Added(String content, boolean special, boolean singleWord, boolean lstrip, boolean rstrip,
                         boolean normalized) {}

    private Tokenizer tokenizer(boolean lowercase, Added... added) {
        ObjectNode root = TestFiles.JSON.createObjectNode();
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        ObjectNode vocab = model.putObject("vocab");
        for (int i = 0; i < CHARS.length(); i++) {
            vocab.put(String.valueOf(CHARS.charAt(i)), i);
        }
        model.putArray("merges");
        if (lowercase) {
            root.putObject("normalizer").put("type", "Lowercase");
        }
        ArrayNode list = root.putArray("added_tokens");
        int id = CHARS.length();
        for (Added a : added) {
            list.addObject().put("id", id++).put("content", a.content()).put("special", a.special())
                    .put("single_word", a.singleWord()).put("lstrip", a.lstrip()).put("rstrip", a.rstrip())
                    .put("normalized", a.normalized());
        }
        return Tokenizer.load(TestFiles.write(dir, "added.json", root.toString()));
    }

    private static String tokens(Tokenizer tok, String text) {
        List<String> out = new ArrayList<>();
        for (int id : tok.encode(text)) {
            out.add(tok.token(id).orElseThrow());
        }
        return String.join("|", out);
    }

    @Test
    void rawTokensFirstThenNormalizedOnesWithStripping() {
        // [CLS] and [SEP] are found in the raw text; the rest is lower-cased, then "my" is found
        // and, with lstrip and rstrip, takes the spaces on both sides; "ony" is single_word and
        // sits inside "anthony", so it is not taken.
        Tokenizer tok = tokenizer(true,
                new Added("my", false, false, true, true, true),
                new Added("name", false, false, false, false, true),
                new Added("ony", false, true, false, false, true),
                new Added("[CLS]", true, false, false, false, false),
                new Added("[SEP]", true, false, false, false, false));
        assertEquals("[CLS]|my|name| |i|s| |a|n|t|h|o|n|y| |[SEP]", tokens(tok, "[CLS] My name is Anthony [SEP]"));
    }

    @Test
    void singleWordTokensOnlyMatchBetweenNonWordCharacters() {
        // "A<mask>" and "<mask>ony" touch letters: their characters stay text.
        Tokenizer tok = tokenizer(true, new Added("<mask>", false, true, false, false, true));
        assertEquals("<mask>| |m|y| |n|a|m|e| |<mask>| |a|<|m|a|s|k|>| |<|m|a|s|k|>|o|n|y| |<mask>",
                tokens(tok, "<mask> My name <mask> A<mask> <mask>ony <mask>"));
    }

    @Test
    void stripTakesUnicodeWhitespaceButNotTwice() {
        // The tab between the last two masks went to the first of them; U+2000 is whitespace.
        Tokenizer tok = tokenizer(true, new Added("<mask>", false, true, true, true, true));
        assertEquals("h|i|<mask>|t|h|e|r|e|<mask>|<mask>", tokens(tok, "Hi <mask> there\t<mask>\t<mask>\u2000"));
    }

    @Test
    void normalizedFalseMatchesOnlyTheRawSpelling() {
        // "Day" (normalized false) must be written so; "yesterday" (normalized true) matches the
        // lower-cased text, "Yesterday" included.
        Tokenizer tok = tokenizer(true,
                new Added("Day", false, false, false, false, false),
                new Added("yesterday", false, false, false, false, true));
        assertEquals("Day| |d|a|y| |yesterday", tokens(tok, "Day day Yesterday"));
    }

    @Test
    void theLongestTokenAtTheEarliestPlaceWins() {
        Tokenizer tok = tokenizer(false,
                new Added("ab", false, false, false, false, false),
                new Added("abc", false, false, false, false, false),
                new Added("bcd", false, false, false, false, false));
        // At 0, "abc" beats "ab"; "bcd" overlapping it is not considered.
        assertEquals("abc|d", tokens(tok, "abcd"));
        assertEquals("c|bcd", tokens(tok, "cbcd"));
    }

    @Test
    void anAddedTokenAlreadyInTheVocabularyKeepsItsId() {
        // "a" is vocabulary id 1; its entry asks for id 32 but the library gives it 1, and the
        // next new token still gets 32, the vocabulary's size.
        Tokenizer tok = tokenizer(false,
                new Added("a", false, false, false, false, false),
                new Added("<x>", true, false, false, false, false));
        assertEquals(List.of(
                new AddedToken(1, "a", false, false, false, false, false),
                new AddedToken(32, "<x>", true, false, false, false, false)), tok.addedTokens());
        assertEquals(33, tok.vocabSize());
        assertArrayEquals(new int[] {1, 32}, tok.encode("a<x>"));
    }

    @Test
    void aByteLevelPrefixSpaceGoesOnEveryPieceBetweenAddedTokens() {
        // With add_prefix_space, "hello" becomes " hello" (263) even right after an added token,
        // as the library does; a piece that starts with a space gets no second one.
        Path file = TestFiles.variant("tokenizer/tiny-bytelevel.json", dir, "prefix.json",
                root -> ((ObjectNode) root.get("pre_tokenizer")).put("add_prefix_space", true));
        Tokenizer tok = Tokenizer.load(file);
        assertArrayEquals(new int[] {263}, tok.encode("hello"));
        assertArrayEquals(new int[] {263}, tok.encode(" hello"));
        assertArrayEquals(new int[] {277, 263}, tok.encode("<|endoftext|>hello"));
    }
}
