package dev.mamba2j.model.tokenizer;

import java.util.ArrayList;
import java.util.List;

/** Cuts a piece of normalized text into the words BPE sees, each on its own. */
interface PreTokenizer {
    /** Appends the non-empty words of {@code piece} to {@code out}. */
    void split(String piece, List<String> out);

    /** No pre-tokenizer: the whole piece is one word. */
    PreTokenizer NONE = (piece, out) -> out.add(piece);

    /** Each pre-tokenizer cuts every word the one before produced. */
    static PreTokenizer sequence(List<PreTokenizer> steps) {
        return (piece, out) -> {
            List<String> words = List.of(piece);
            for (PreTokenizer step : steps) {
                List<String> next = new ArrayList<>();
                for (String w : words) {
                    step.split(w, next);
                }
                words = next;
            }
            out.addAll(words);
        };
    }
}
