package dev.mamba2j.model.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * What a split does with the stretches its pattern matched, as the library's {@code
 * SplitDelimiterBehavior}; for {@code the-final--countdown} split on {@code -}: Removed gives
 * {@code the final countdown}, Isolated {@code the - final - - countdown}, MergedWithPrevious
 * {@code the- final- - countdown}, MergedWithNext {@code the -final - -countdown}, Contiguous
 * {@code the - final -- countdown}. Empty pieces are dropped.
 */
enum SplitBehavior {
    REMOVED, ISOLATED, MERGED_WITH_PREVIOUS, MERGED_WITH_NEXT, CONTIGUOUS;

    static SplitBehavior parse(JsonField field) {
        return switch (field.text()) {
            case "Removed" -> REMOVED;
            case "Isolated" -> ISOLATED;
            case "MergedWithPrevious" -> MERGED_WITH_PREVIOUS;
            case "MergedWithNext" -> MERGED_WITH_NEXT;
            case "Contiguous" -> CONTIGUOUS;
            default -> throw field.fail("\"" + field.text() + "\" is not a split behavior (Removed, Isolated, "
                    + "MergedWithPrevious, MergedWithNext or Contiguous)");
        };
    }

    /** Cuts {@code s} along spans that cover it in order. */
    void apply(String s, List<Span> spans, List<String> out) {
        List<int[]> pieces = new ArrayList<>(); // {start, end, removed}
        switch (this) {
            case ISOLATED -> spans.forEach(sp -> pieces.add(new int[] {sp.start(), sp.end(), 0}));
            case REMOVED -> spans.forEach(sp -> pieces.add(new int[] {sp.start(), sp.end(), sp.match() ? 1 : 0}));
            case CONTIGUOUS -> {
                boolean previousMatch = false;
                for (Span sp : spans) {
                    if (sp.match() == previousMatch && !pieces.isEmpty()) {
                        pieces.getLast()[1] = sp.end();
                    } else {
                        pieces.add(new int[] {sp.start(), sp.end(), 0});
                    }
                    previousMatch = sp.match();
                }
            }
            case MERGED_WITH_PREVIOUS -> {
                boolean previousMatch = false;
                for (Span sp : spans) {
                    if (sp.match() && !previousMatch && !pieces.isEmpty()) {
                        pieces.getLast()[1] = sp.end();
                    } else {
                        pieces.add(new int[] {sp.start(), sp.end(), 0});
                    }
                    previousMatch = sp.match();
                }
            }
            case MERGED_WITH_NEXT -> {
                boolean previousMatch = false;
                for (Span sp : spans.reversed()) {
                    if (sp.match() && !previousMatch && !pieces.isEmpty()) {
                        pieces.getLast()[0] = sp.start();
                    } else {
                        pieces.add(new int[] {sp.start(), sp.end(), 0});
                    }
                    previousMatch = sp.match();
                }
                java.util.Collections.reverse(pieces);
            }
        }
        for (int[] p : pieces) {
            if (p[2] == 0 && p[1] > p[0]) {
                out.add(s.substring(p[0], p[1]));
            }
        }
    }
}
