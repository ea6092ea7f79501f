package dev.mamba2j.model.tokenizer;

import java.util.List;

/** Rewrites a piece of input text before pre-tokenization (and the normalized added tokens). */
interface Normalizer {
    String apply(String text);

    Normalizer NONE = text -> text;

    static Normalizer unicode(java.text.Normalizer.Form form) {
        return text -> java.text.Normalizer.normalize(text, form);
    }

    /**
     * Lower case one character at a time, as Rust's {@code char::to_lowercase}: no context (a
     * final capital sigma becomes σ, not ς) and U+0130 becomes "i̇" (i and a combining dot).
     */
    static Normalizer lowercase() {
        return text -> {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (cp == 0x130) {
                    out.append("i\u0307");
                } else {
                    out.appendCodePoint(Character.toLowerCase(cp));
                }
            });
            return out.toString();
        };
    }

    static Normalizer sequence(List<Normalizer> steps) {
        return text -> {
            String s = text;
            for (Normalizer n : steps) {
                s = n.apply(s);
            }
            return s;
        };
    }
}
