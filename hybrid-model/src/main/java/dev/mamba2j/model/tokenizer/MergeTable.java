package dev.mamba2j.model.tokenizer;

import java.util.HashMap;
import java.util.Map;

/**
 * BPE merges: the pair of ids (left, right) to its rank (its place in the merges list, lower
 * merges first) and the id of the merged token. A pair listed twice keeps its last rank, as the
 * library's map does.
 */
final class MergeTable {
    static final long NONE = -1;

    private final Map<Long, Long> byPair = new HashMap<>();
    private final Map<Integer, Integer> mergedIdByRank = new HashMap<>();

    void put(int left, int right, int rank, int mergedId) {
        Long previous = byPair.put(pairKey(left, right), ((long) rank << 32) | mergedId);
        if (previous != null) {
            mergedIdByRank.remove((int) (previous >>> 32));
        }
        mergedIdByRank.put(rank, mergedId);
    }

    /** {@code rank << 32 | mergedId}, or {@link #NONE} when the pair does not merge. */
    long lookup(int left, int right) {
        Long v = byPair.get(pairKey(left, right));
        return v == null ? NONE : v;
    }

    /** The merged id of a live rank. */
    int mergedIdOfRank(int rank) {
        return mergedIdByRank.get(rank);
    }

    int size() { return byPair.size(); }

    private static long pairKey(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }
}
