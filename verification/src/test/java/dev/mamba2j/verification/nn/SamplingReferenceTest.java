package dev.mamba2j.verification.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The sorting reference on small rows worked out by hand: p ∝ 1, 2, 3, 4 is logits ln 1 … ln 4 at T = 1. */
class SamplingReferenceTest {
    static final float[] LOGITS = {0f, (float) Math.log(2), (float) Math.log(3), (float) Math.log(4)};

    @Test
    void topKThenTopPKeepTheSmallestHeavyPrefix() {
        // top-k 2 keeps p = .3, .4 (mass .7); top-p .5 needs .35 of it: .4 alone
        assertArrayEquals(new int[] {3}, SamplingReference.sample(LOGITS, 0, 4, 1, 2, 0.5, 0.2).kept());
        // top-p .6 alone: .4 < .6, .4 + .3 ≥ .6
        SamplingReference.Sample s = SamplingReference.sample(LOGITS, 0, 4, 1, 0, 0.6, 0.5);
        assertArrayEquals(new int[] {2, 3}, s.kept());
        assertEquals(3.0 / 7, s.cumulative()[0], 1e-7);
        assertEquals(3, s.token()); // 0.5 > 3/7
        assertEquals(2, SamplingReference.sample(LOGITS, 0, 4, 1, 0, 0.6, 0.4).token());
    }

    @Test
    void tiesAtTheThresholdsAreKeptTogether() {
        float[] tied = {0f, 1f, 1f, 0f};
        assertArrayEquals(new int[] {1, 2}, SamplingReference.sample(tied, 0, 4, 1, 1, 1, 0.9).kept());
        assertArrayEquals(new int[] {1, 2}, SamplingReference.sample(tied, 0, 4, 1, 0, 0.01, 0.9).kept());
        assertEquals(1, SamplingReference.argmax(tied, 0, 4));
    }

    @Test
    void neighboursAreAcceptedOnlyNearTheirBoundary() {
        SamplingReference.Sample s = SamplingReference.sample(LOGITS, 0, 4, 1, 0, 1, 0.30001); // boundaries .1 .3 .6
        assertEquals(2, s.token());
        assertTrue(s.accepts(1, 1e-4));
        assertFalse(s.accepts(1, 1e-6));
        assertFalse(s.accepts(3, 1e-4));
        assertFalse(s.accepts(0, 1e-4));
    }
}
