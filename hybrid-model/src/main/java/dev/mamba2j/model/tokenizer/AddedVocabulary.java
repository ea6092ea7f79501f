package dev.mamba2j.model.tokenizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The added tokens, and the first step of encoding: cutting them out of the text. Tokens with
 * {@code normalized: false} are found in the raw text; the rest of the text is then normalized
 * piece by piece and the {@code normalized: true} tokens found in that. Ids are given as the
 * library gives them when it reads the file, which for a file it wrote are the ids in the file.
 */
final class AddedVocabulary {
    /** A piece of text, or an added token ({@code id >= 0}). */
    record Segment(String text, int id) {}

    /** An added token's settings, without its id: the library compares tokens this way. */
    record Spec(String content, boolean special, boolean singleWord, boolean lstrip, boolean rstrip,
                boolean normalized) {}

    private final Map<String, Integer> idByContent = new LinkedHashMap<>();
    private final Map<Integer, Spec> specById = new HashMap<>();
    private final Set<String> specialContents = new HashSet<>();
    private final TokenTrie rawTrie;
    private final int[] rawIds;
    private final TokenTrie normalizedTrie;
    private final int[] normalizedIds;

    AddedVocabulary(List<Spec> specs, BpeModel model, Normalizer normalizer) {
        List<Spec> specials = new ArrayList<>();
        List<Spec> others = new ArrayList<>();
        for (Spec spec : specs) {
            add(spec, model, specials, others);
        }
        List<String> raw = new ArrayList<>();
        List<Integer> rawIdList = new ArrayList<>();
        List<String> norm = new ArrayList<>();
        List<Integer> normIdList = new ArrayList<>();
        List<Spec> all = new ArrayList<>(specials);
        all.addAll(others);
        for (Spec spec : all) {
            int id = idOf(spec.content(), model);
            if (spec.normalized()) {
                norm.add(normalizer.apply(spec.content()));
                normIdList.add(id);
            } else {
                raw.add(spec.content());
                rawIdList.add(id);
            }
        }
        rawTrie = new TokenTrie(raw);
        rawIds = rawIdList.stream().mapToInt(Integer::intValue).toArray();
        normalizedTrie = new TokenTrie(norm);
        normalizedIds = normIdList.stream().mapToInt(Integer::intValue).toArray();
    }

    private void add(Spec spec, BpeModel model, List<Spec> specials, List<Spec> others) {
        if (spec.special() && !spec.content().isEmpty() && specialContents.add(spec.content())) {
            specials.add(spec);
        }
        if (spec.content().isEmpty() || specById.containsValue(spec)) {
            return;
        }
        Integer id = idByContent.get(spec.content());
        if (id == null) {
            id = model.id(spec.content());
        }
        if (id == null) {
            int vocabSize = model.size();
            int max = idByContent.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
            id = max < 0 ? vocabSize : (max >= vocabSize || vocabSize == 0 ? max + 1 : vocabSize);
        }
        idByContent.put(spec.content(), id);
        specById.put(id, spec);
        if (!specialContents.contains(spec.content())) {
            others.add(spec);
        }
    }

    private Integer idOf(String content, BpeModel model) {
        Integer id = idByContent.get(content);
        return id != null ? id : model.id(content);
    }

    Integer id(String content) { return idByContent.get(content); }

    String content(int id) {
        Spec spec = specById.get(id);
        return spec == null ? null : spec.content();
    }

    boolean isSpecial(String content) { return specialContents.contains(content); }

    Map<String, Integer> idsByContent() { return Collections.unmodifiableMap(idByContent); }

    List<AddedToken> tokens() {
        List<AddedToken> out = new ArrayList<>();
        specById.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Spec s = e.getValue();
            out.add(new AddedToken(e.getKey(), s.content(), specialContents.contains(s.content()),
                    s.singleWord(), s.lstrip(), s.rstrip(), s.normalized()));
        });
        return out;
    }

    /** The text as pieces to pre-tokenize (normalized) and added tokens, in order, none empty. */
    List<Segment> split(String text, Normalizer normalizer) {
        List<Segment> out = new ArrayList<>();
        for (Segment raw : cut(text, rawTrie, rawIds)) {
            if (raw.id() >= 0) {
                out.add(raw);
            } else {
                out.addAll(cut(normalizer.apply(raw.text()), normalizedTrie, normalizedIds));
            }
        }
        return out;
    }

    private List<Segment> cut(String s, TokenTrie trie, int[] ids) {
        List<Segment> out = new ArrayList<>();
        int startOffset = 0;
        for (TokenTrie.Match m = trie.find(s, 0); m != null; m = trie.find(s, m.end())) {
            int id = ids[m.pattern()];
            Spec spec = specById.get(id);
            int start = m.start();
            int stop = m.end();
            if (spec.singleWord()) {
                boolean wordBefore = start > 0 && isWordChar(s.codePointBefore(start));
                boolean wordAfter = stop < s.length() && isWordChar(s.codePointAt(stop));
                if (wordBefore || wordAfter) {
                    continue;
                }
            }
            if (spec.lstrip()) {
                int newStart = start;
                while (newStart > 0 && isWhiteSpace(s.codePointBefore(newStart))) {
                    newStart -= Character.charCount(s.codePointBefore(newStart));
                }
                // Whitespace an earlier match already took stays with it.
                start = Math.max(newStart, startOffset);
            }
            if (spec.rstrip()) {
                while (stop < s.length() && isWhiteSpace(s.codePointAt(stop))) {
                    stop += Character.charCount(s.codePointAt(stop));
                }
            }
            if (startOffset < start) {
                out.add(new Segment(s.substring(startOffset, start), -1));
            }
            out.add(new Segment(s.substring(start, stop), id));
            startOffset = stop;
        }
        if (startOffset < s.length()) {
            out.add(new Segment(s.substring(startOffset), -1));
        }
        return out;
    }

    /** The Rust regex crate's Unicode {@code \w}: Alphabetic, marks, decimal digits, connectors, joiners. */
    private static boolean isWordChar(int cp) {
        if (Character.isAlphabetic(cp) || cp == 0x200C || cp == 0x200D) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.CONNECTOR_PUNCTUATION;
    }

    /** Unicode's White_Space property, the Rust regex crate's {@code \s}. */
    private static boolean isWhiteSpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F
                || cp == 0x205F || cp == 0x3000;
    }
}
