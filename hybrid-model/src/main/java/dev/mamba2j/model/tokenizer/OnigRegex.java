package dev.mamba2j.model.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A tokenizer.json regex, written for Oniguruma (Ruby syntax), run by java.util.regex with the
 * flags that give it the same meaning: Unicode {@code \s \w \d \b} and case folding, {@code ^ $}
 * at every line, and only {@code \n} as a line end (for {@code .} too). {@code \p{L}}, {@code
 * \p{N}}, look-ahead, possessive and lazy quantifiers read alike in both. Oniguruma's {@code \h}
 * (a hex digit, horizontal space in Java) is refused rather than misread.
 */
final class OnigRegex {
    private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNICODE_CASE
            | Pattern.MULTILINE | Pattern.UNIX_LINES;

    private final Pattern pattern;

    private OnigRegex(Pattern pattern) {
        this.pattern = pattern;
    }

    static OnigRegex compile(String regex, JsonField where) {
        checkNoHexEscape(regex, where);
        try {
            return new OnigRegex(Pattern.compile(regex, FLAGS));
        } catch (PatternSyntaxException e) {
            throw where.fail("regex " + quote(regex) + " does not compile in Java: " + e.getDescription()
                    + " at index " + e.getIndex());
        }
    }

    static OnigRegex literal(String text) {
        return new OnigRegex(Pattern.compile(text, Pattern.LITERAL));
    }

    /**
     * The whole string as matched and unmatched spans, matches found as Oniguruma's iterator finds
     * them: an empty match right where the previous match ended is skipped by one character.
     */
    List<Span> spans(String s) {
        List<Span> out = new ArrayList<>();
        if (s.isEmpty()) {
            out.add(new Span(0, 0, false));
            return out;
        }
        Matcher m = pattern.matcher(s);
        int searchFrom = 0;
        int lastMatchEnd = -1;
        int previous = 0;
        while (searchFrom <= s.length() && m.find(searchFrom)) {
            int start = m.start();
            int end = m.end();
            if (start == end && end == lastMatchEnd) {
                searchFrom += searchFrom < s.length() ? Character.charCount(s.codePointAt(searchFrom)) : 1;
                continue;
            }
            searchFrom = end;
            lastMatchEnd = end;
            if (previous != start) {
                out.add(new Span(previous, start, false));
            }
            out.add(new Span(start, end, true));
            previous = end;
        }
        if (previous != s.length()) {
            out.add(new Span(previous, s.length(), false));
        }
        return out;
    }

    private static void checkNoHexEscape(String regex, JsonField where) {
        for (int i = 0; i < regex.length() - 1; i++) {
            if (regex.charAt(i) == '\\') {
                char c = regex.charAt(i + 1);
                if (c == 'h' || c == 'H') {
                    throw where.fail("regex " + quote(regex) + " uses \\" + c
                            + ", which means a hex digit to Oniguruma but not to Java; not supported");
                }
                i++;
            }
        }
    }

    private static String quote(String regex) {
        return "\"" + (regex.length() > 80 ? regex.substring(0, 80) + "..." : regex) + "\"";
    }
}
