package dev.mamba2j.model.tokenizer;

import java.util.List;

/**
 * {@code Split}: cuts along a regex or a literal string, keeping or dropping the matches as its
 * behavior says; {@code invert} treats the unmatched stretches as the delimiters instead.
 */
final class SplitPreTokenizer implements PreTokenizer {
    private final OnigRegex pattern;
    private final SplitBehavior behavior;
    private final boolean invert;

    SplitPreTokenizer(OnigRegex pattern, SplitBehavior behavior, boolean invert) {
        this.pattern = pattern;
        this.behavior = behavior;
        this.invert = invert;
    }

    @Override
    public void split(String piece, List<String> out) {
        List<Span> spans = pattern.spans(piece);
        if (invert) {
            spans = spans.stream().map(s -> new Span(s.start(), s.end(), !s.match())).toList();
        }
        behavior.apply(piece, spans, out);
    }
}
