package dev.mamba2j.model.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ByteLevel}: optionally a leading space (when the piece has none), then GPT-2's split
 * (when {@code use_regex}), then every word spelled in {@link ByteLevel} characters. The leading
 * space goes on every piece the added tokens left, not only the first, as in the library.
 */
final class ByteLevelPreTokenizer implements PreTokenizer {
    /** GPT-2's split: contractions, letters, digits, other symbols, each with one optional leading space. */
    static final String GPT2_PATTERN =
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    private final boolean addPrefixSpace;
    private final OnigRegex gpt2;

    ByteLevelPreTokenizer(boolean addPrefixSpace, boolean useRegex, JsonField where) {
        this.addPrefixSpace = addPrefixSpace;
        this.gpt2 = useRegex ? OnigRegex.compile(GPT2_PATTERN, where) : null;
    }

    @Override
    public void split(String piece, List<String> out) {
        String s = addPrefixSpace && !piece.startsWith(" ") ? " " + piece : piece;
        List<String> words = new ArrayList<>();
        if (gpt2 != null) {
            SplitBehavior.ISOLATED.apply(s, gpt2.spans(s), words);
        } else if (!s.isEmpty()) {
            words.add(s);
        }
        for (String w : words) {
            out.add(ByteLevel.toChars(w));
        }
    }
}
