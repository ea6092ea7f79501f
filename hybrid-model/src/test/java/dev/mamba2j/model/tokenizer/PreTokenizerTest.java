package dev.mamba2j.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splits seen as strings, before any byte mapping; expectations follow the regexes by hand. */
class PreTokenizerTest {
    private static final JsonField HERE = new JsonField("test", "pattern", null);
    private static final String LLAMA3 = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private static List<String> split(PreTokenizer p, String text) {
        List<String> out = new ArrayList<>();
        p.split(text, out);
        return out;
    }

    private static List<String> gpt2(String text) {
        return split(new SplitPreTokenizer(OnigRegex.compile(ByteLevelPreTokenizer.GPT2_PATTERN, HERE),
                SplitBehavior.ISOLATED, false), text);
    }

    private static List<String> llama3(String text) {
        return split(new SplitPreTokenizer(OnigRegex.compile(LLAMA3, HERE), SplitBehavior.ISOLATED, false), text);
    }

    @Test
    void gpt2SplitsWordsWithTheirLeadingSpace() {
        assertEquals(List.of("Hello", " my", " friend", ",", " how", " is", " your", " day", " going", "?"),
                gpt2("Hello my friend, how is your day going?"));
        assertEquals(List.of("Hello", " there", "\n", "Hello", " there"), gpt2("Hello there\nHello there"));
        // A run of spaces leaves its last one to the next word.
        assertEquals(List.of("Hello", " there", "      ", " dear"), gpt2("Hello there       dear"));
        assertEquals(List.of("we", "'ll", " see", " it", "'s", " 2024"), gpt2("we'll see it's 2024"));
    }

    @Test
    void gpt2OnUnicodeText() {
        // A tab is whitespace but not the optional leading " ": it stands alone.
        assertEquals(List.of("a", "\t", "b"), gpt2("a\tb"));
        // No-break space is \s for Oniguruma (Unicode White_Space), so " " and it come apart; a Java
        // \s without UNICODE_CHARACTER_CLASS would have glued " \u00A0" as a symbol run instead.
        assertEquals(List.of("x", " ", "\u00A0", "y"), gpt2("x \u00A0y"));
        // A combining mark is not \p{L}: it ends the letters and starts a symbol run.
        assertEquals(List.of("nai", "\u0308", "ve"), gpt2("nai\u0308ve"));
        assertEquals(List.of("cafe", "\u0301!"), gpt2("cafe\u0301!"));
        assertEquals(List.of("naïve", " café"), gpt2("naïve café"));
        // Kana and the prolonged sound mark (Lm) are letters; CJK ideographs too.
        assertEquals(List.of("日本語", " テキストー"), gpt2("日本語 テキストー"));
        // Emoji and variation selectors are symbols, with one leading space.
        assertEquals(List.of("I", " ❤️", " 🙂!"), gpt2("I ❤️ 🙂!"));
        // Other scripts' digits are \p{N}; so is ½ (No).
        assertEquals(List.of("٣4½"), gpt2("٣4½"));
        assertEquals(List.of("\n\n"), gpt2("\n\n"));
        assertEquals(List.of(), gpt2(""));
    }

    @Test
    void llama3Regex() {
        // Up to three digits at a time.
        assertEquals(List.of("123", "456", "7"), llama3("1234567"));
        // Contractions match in any case, before a symbol may lead a word.
        assertEquals(List.of("IT", "'S", " fine"), llama3("IT'S fine"));
        assertEquals(List.of("'s", "up"), llama3("'sup"));
        // A newline run keeps the spaces before it; trailing newlines ride on the punctuation.
        assertEquals(List.of("a", "  \n", "b", ".\n\n"), llama3("a  \nb.\n\n"));
        assertEquals(List.of("\"Hi"), llama3("\"Hi"));
    }

    @Test
    void splitBehaviorsOnTheLibraryExample() {
        String text = "the-final--countdown";
        OnigRegex dash = OnigRegex.literal("-");
        assertEquals(List.of("the", "final", "countdown"),
                split(new SplitPreTokenizer(dash, SplitBehavior.REMOVED, false), text));
        assertEquals(List.of("the", "-", "final", "-", "-", "countdown"),
                split(new SplitPreTokenizer(dash, SplitBehavior.ISOLATED, false), text));
        assertEquals(List.of("the-", "final-", "-", "countdown"),
                split(new SplitPreTokenizer(dash, SplitBehavior.MERGED_WITH_PREVIOUS, false), text));
        assertEquals(List.of("the", "-final", "-", "-countdown"),
                split(new SplitPreTokenizer(dash, SplitBehavior.MERGED_WITH_NEXT, false), text));
        assertEquals(List.of("the", "-", "final", "--", "countdown"),
                split(new SplitPreTokenizer(dash, SplitBehavior.CONTIGUOUS, false), text));
    }

    @Test
    void invertTreatsTheUnmatchedTextAsTheDelimiter() {
        // The library's own example: words and punctuation matched, inverted, so the spaces split.
        OnigRegex words = OnigRegex.compile("\\w+|[^\\w\\s]+", HERE);
        assertEquals(List.of("How", "are", "you", "doing", "?"),
                split(new SplitPreTokenizer(words, SplitBehavior.REMOVED, true), "How are you doing?"));
        assertEquals(List.of("How ", "are ", "you ", "doing", "?"),
                split(new SplitPreTokenizer(words, SplitBehavior.MERGED_WITH_PREVIOUS, true), "How are you doing?"));
    }

    @Test
    void emptyMatchesAreSkippedLikeOnigurumasIterator() {
        // "x*" matches empty between letters; the pieces are the letters, each once.
        OnigRegex xs = OnigRegex.compile("x*", HERE);
        assertEquals(List.of("a", "xx", "b"), split(new SplitPreTokenizer(xs, SplitBehavior.ISOLATED, false), "axxb"));
        assertEquals(List.of("a", "b"), split(new SplitPreTokenizer(xs, SplitBehavior.REMOVED, false), "axxb"));
    }

    @Test
    void digits() {
        assertEquals(List.of("Hey ", "123", " friend!"), split(new DigitsPreTokenizer(false), "Hey 123 friend!"));
        assertEquals(List.of("Hey ", "1", "2", "3", " friend!"), split(new DigitsPreTokenizer(true), "Hey 123 friend!"));
        assertEquals(List.of("x", "٣½"), split(new DigitsPreTokenizer(false), "x٣½"));
    }

    @Test
    void byteLevelAddsAPrefixSpaceAndMapsBytes() {
        JsonField where = new JsonField("test", "pre_tokenizer", null);
        assertEquals(List.of("Ġhello", "Ġworld"), split(new ByteLevelPreTokenizer(true, true, where), "hello world"));
        assertEquals(List.of("Ġhello"), split(new ByteLevelPreTokenizer(true, true, where), " hello"));
        assertEquals(List.of("helloĠworld"), split(new ByteLevelPreTokenizer(false, false, where), "hello world"));
    }

    @Test
    void sequenceAppliesEachStepToEveryWord() {
        PreTokenizer seq = PreTokenizer.sequence(List.of(new DigitsPreTokenizer(true),
                new SplitPreTokenizer(OnigRegex.literal(" "), SplitBehavior.REMOVED, false)));
        assertEquals(List.of("a", "1", "2", "b", "c"), split(seq, "a 12 b c"));
    }
}
