package dev.mamba2j.model.tokenizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds added tokens in text the way the library's Aho-Corasick automaton (leftmost-longest) does:
 * the match that starts first, the longest one there; among equal patterns the first listed.
 */
final class TokenTrie {
    /** A match of pattern number {@code pattern} at {@code [start, end)}. */
    record Match(int start, int end, int pattern) {}

    private static final class Node {
        final Map<Character, Node> children = new HashMap<>();
        int pattern = -1;
    }

    private final Node root = new Node();
    private final boolean empty;

    TokenTrie(List<String> patterns) {
        boolean any = false;
        for (int p = 0; p < patterns.size(); p++) {
            String s = patterns.get(p);
            if (s.isEmpty()) {
                continue;
            }
            any = true;
            Node node = root;
            for (int i = 0; i < s.length(); i++) {
                node = node.children.computeIfAbsent(s.charAt(i), c -> new Node());
            }
            if (node.pattern < 0) {
                node.pattern = p;
            }
        }
        empty = !any;
    }

    /** The next match starting at or after {@code from}, or null. */
    Match find(String text, int from) {
        if (empty) {
            return null;
        }
        for (int start = from; start < text.length(); start++) {
            Node node = root;
            int bestEnd = -1;
            int bestPattern = -1;
            for (int i = start; i < text.length(); i++) {
                node = node.children.get(text.charAt(i));
                if (node == null) {
                    break;
                }
                if (node.pattern >= 0) {
                    bestEnd = i + 1;
                    bestPattern = node.pattern;
                }
            }
            if (bestEnd >= 0) {
                return new Match(start, bestEnd, bestPattern);
            }
        }
        return null;
    }
}
