package dev.mamba2j.model.tokenizer;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * One word's symbols while BPE merges them: a linked list over an array, and a queue of candidate
 * merges ordered by rank then position, the order the tokenizers library applies them in. A queued
 * candidate goes stale when a neighbour merged first; it is dropped when popped if the pair now at
 * its position no longer produces the same token.
 */
final class BpeWord {
    private int[] ids;
    private int[] prev;
    private int[] next;
    private boolean[] removed;
    private int size;

    BpeWord(int capacity) {
        int n = Math.max(capacity, 1);
        ids = new int[n];
        prev = new int[n];
        next = new int[n];
        removed = new boolean[n];
    }

    void add(int id) {
        if (size == ids.length) {
            int n = size * 2;
            ids = Arrays.copyOf(ids, n);
            prev = Arrays.copyOf(prev, n);
            next = Arrays.copyOf(next, n);
            removed = Arrays.copyOf(removed, n);
        }
        ids[size] = id;
        prev[size] = size - 1;
        next[size] = -1;
        if (size > 0) {
            next[size - 1] = size;
        }
        size++;
    }

    void mergeAll(MergeTable merges) {
        // Entries are rank << 32 | position: the natural order of longs is the merge order.
        PriorityQueue<Long> queue = new PriorityQueue<>();
        for (int i = 0; i + 1 < size; i++) {
            offer(queue, merges, i, i + 1);
        }
        while (!queue.isEmpty()) {
            long top = queue.poll();
            int rank = (int) (top >>> 32);
            int pos = (int) top;
            int right = next[pos];
            if (removed[pos] || right < 0) {
                continue;
            }
            long current = merges.lookup(ids[pos], ids[right]);
            if (current == MergeTable.NONE || (int) current != merges.mergedIdOfRank(rank)) {
                continue;
            }
            ids[pos] = (int) current;
            removed[right] = true;
            next[pos] = next[right];
            if (next[pos] >= 0) {
                prev[next[pos]] = pos;
            }
            if (prev[pos] >= 0) {
                offer(queue, merges, prev[pos], pos);
            }
            if (next[pos] >= 0) {
                offer(queue, merges, pos, next[pos]);
            }
        }
    }

    void appendTo(IntArrayBuilder out) {
        for (int i = 0; i < size; i++) {
            if (!removed[i]) {
                out.add(ids[i]);
            }
        }
    }

    private void offer(PriorityQueue<Long> queue, MergeTable merges, int left, int right) {
        long m = merges.lookup(ids[left], ids[right]);
        if (m != MergeTable.NONE) {
            queue.add((m & 0xFFFFFFFF00000000L) | left);
        }
    }
}
