package dev.mamba2j.model.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code Digits}: numeric characters (Unicode N*, Rust's {@code char::is_numeric}) apart from the
 * rest, as runs or, with {@code individual_digits}, one by one.
 */
final class DigitsPreTokenizer implements PreTokenizer {
    private final SplitBehavior behavior;

    DigitsPreTokenizer(boolean individualDigits) {
        this.behavior = individualDigits ? SplitBehavior.ISOLATED : SplitBehavior.CONTIGUOUS;
    }

    @Override
    public void split(String piece, List<String> out) {
        // Each numeric character is its own match; the runs between them are single spans.
        List<Span> spans = new ArrayList<>();
        int runStart = 0;
        for (int i = 0; i < piece.length(); ) {
            int cp = piece.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (isNumeric(cp)) {
                if (runStart < i) {
                    spans.add(new Span(runStart, i, false));
                }
                spans.add(new Span(i, next, true));
                runStart = next;
            }
            i = next;
        }
        if (runStart < piece.length()) {
            spans.add(new Span(runStart, piece.length(), false));
        }
        behavior.apply(piece, spans, out);
    }

    private static boolean isNumeric(int cp) {
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
