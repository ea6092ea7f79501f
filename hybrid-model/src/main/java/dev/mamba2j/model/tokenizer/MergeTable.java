package dev.mamba2j.model.tokenizer;

import java.util.Arrays;

/**
 * BPE merges: the pair of ids (left, right) to its rank (its place in the merges list, lower
 * merges first) and the id of the merged token. A pair listed twice keeps its last rank, as the
 * library's map does. Open addressing over primitive arrays: Llama-3 has 280,000 merges.
 */
final class MergeTable {
    static final long NONE = -1;
    private static final long EMPTY = -1; // no pair key is negative: ids are

    private long[] keys;
    private long[] values;
    private int size;
    private int[] mergedIdByRank;

    MergeTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2)) * 2;
        keys = new long[capacity];
        values = new long[capacity];
        Arrays.fill(keys, EMPTY);
        mergedIdByRank = new int[Math.max(16, expected)];
    }

    MergeTable() {
        this(16);
    }

    void put(int left, int right, int rank, int mergedId) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        long key = pairKey(left, right);
        int slot = slot(key);
        if (keys[slot] == EMPTY) {
            keys[slot] = key;
            size++;
        } else {
            mergedIdByRank[(int) (values[slot] >>> 32)] = -1;
        }
        values[slot] = ((long) rank << 32) | mergedId;
        if (rank >= mergedIdByRank.length) {
            mergedIdByRank = Arrays.copyOf(mergedIdByRank, Math.max(rank + 1, mergedIdByRank.length * 2));
        }
        mergedIdByRank[rank] = mergedId;
    }

    /** {@code rank << 32 | mergedId}, or {@link #NONE} when the pair does not merge. */
    long lookup(int left, int right) {
        int slot = slot(pairKey(left, right));
        return keys[slot] == EMPTY ? NONE : values[slot];
    }

    /** The merged id of a live rank. */
    int mergedIdOfRank(int rank) {
        return mergedIdByRank[rank];
    }

    int size() { return size; }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private int slot(long key) {
        int mask = keys.length - 1;
        int i = (int) mix(key) & mask;
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private static long pairKey(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }
}
