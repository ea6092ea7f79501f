package dev.mamba2j.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Merge order on small symbol lists; ids 0-4 stand for a, b, c, d, e and 10 up for merged tokens. */
class BpeWordTest {
    private static final int A = 0, B = 1, C = 2, D = 3;

    private static int[] merge(MergeTable merges, int... ids) {
        BpeWord word = new BpeWord(ids.length);
        for (int id : ids) {
            word.add(id);
        }
        word.mergeAll(merges);
        IntArrayBuilder out = new IntArrayBuilder();
        word.appendTo(out);
        return out.toArray();
    }

    @Test
    void lowerRankMergesFirstWhereverItIs() {
        // "b c" (rank 0) beats "a b" (rank 1) although "a b" is further left: a b c -> a bc.
        MergeTable merges = new MergeTable();
        merges.put(B, C, 0, 10);
        merges.put(A, B, 1, 11);
        assertArrayEquals(new int[] {A, 10}, merge(merges, A, B, C));
    }

    @Test
    void equalRanksMergeLeftFirstAndDoNotOverlap() {
        // a a a with "a a": the left pair merges, the right one has lost its left symbol: aa a.
        MergeTable merges = new MergeTable();
        merges.put(A, A, 0, 10);
        assertArrayEquals(new int[] {10, A}, merge(merges, A, A, A));
        // a a a a: aa aa, then "aa aa" (rank 1) joins them.
        merges.put(10, 10, 1, 11);
        assertArrayEquals(new int[] {11}, merge(merges, A, A, A, A));
    }

    @Test
    void aMergeOpensNewPairsOnBothSides() {
        // a b c d: "b c" -> x(10); then "a x" (rank 1) and "x d" (rank 2) become possible; rank 1 wins,
        // and "ax d" has no merge, so the result is ax d.
        MergeTable merges = new MergeTable();
        merges.put(B, C, 0, 10);
        merges.put(A, 10, 1, 11);
        merges.put(10, D, 2, 12);
        assertArrayEquals(new int[] {11, D}, merge(merges, A, B, C, D));
    }

    @Test
    void aPairListedTwiceKeepsItsLastRank() {
        // "a b" listed at rank 0 and again at rank 2: rank 2 counts, so "b c" (rank 1) goes first.
        MergeTable merges = new MergeTable();
        merges.put(A, B, 0, 10);
        merges.put(B, C, 1, 11);
        merges.put(A, B, 2, 10);
        assertArrayEquals(new int[] {A, 11}, merge(merges, A, B, C));
    }

    @Test
    void noMergesLeavesTheSymbols() {
        assertArrayEquals(new int[] {A, B}, merge(new MergeTable(), A, B));
        assertArrayEquals(new int[] {C}, merge(new MergeTable(), C));
    }
}
