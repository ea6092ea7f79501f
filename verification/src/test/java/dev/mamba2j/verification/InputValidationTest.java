package dev.mamba2j.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mamba2j.ssd.ChunkedSsd;
import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdOutputs;
import dev.mamba2j.ssd.SsdShape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each bad input fails with a message that names the argument and what was expected. */
class InputValidationTest {

    static final SsdShape SHAPE = new SsdShape(1, 64, 4, 8, 2, 16);

    static SsdInputs.Builder valid() {
        return new RandomSsdInputs(7).builder(SHAPE);
    }

    static void assertMessage(String expected, Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void validInputsBuild() {
        valid().D(new float[4]).z(new float[64 * 4 * 8]).dtBias(new float[4]).dtSoftplus(true).dtLimit(0, 1)
                .initialStates(new float[4 * 8 * 16]).seqIdx(new int[64]).chunkSize(16).build();
    }

    @Test
    void wrongSizeOfB() {
        assertMessage("B has 1200 elements, expected (batch=1, L=64, groups=2, d_state=16) = 2048",
                () -> valid().B(new float[1200]).build());
    }

    @Test
    void wrongSizeOfC() {
        assertMessage("C has 2047 elements, expected (batch=1, L=64, groups=2, d_state=16) = 2048",
                () -> valid().C(new float[2047]).build());
    }

    @Test
    void wrongSizeOfX() {
        assertMessage("x has 10 elements, expected (batch=1, L=64, heads=4, headdim=8) = 2048",
                () -> valid().x(new float[10]).build());
    }

    @Test
    void wrongSizeOfDt() {
        assertMessage("dt has 64 elements, expected (batch=1, L=64, heads=4) = 256",
                () -> valid().dt(new float[64]).build());
    }

    @Test
    void wrongSizeOfA() {
        assertMessage("A has 2 elements, expected (heads=4) = 4", () -> valid().A(new float[2]).build());
    }

    @Test
    void missingX() {
        assertMessage("x is required, expected (batch=1, L=64, heads=4, headdim=8) = 2048",
                () -> valid().x(null).build());
    }

    @Test
    void wrongSizeOfZ() {
        assertMessage("z has 2049 elements, expected (batch=1, L=64, heads=4, headdim=8) = 2048",
                () -> valid().z(new float[2049]).build());
    }

    @Test
    void wrongSizeOfD() {
        assertMessage("D has 5 elements, expected (heads=4) = 4 or (heads=4, headdim=8) = 32",
                () -> valid().D(new float[5]).build());
    }

    @Test
    void wrongSizeOfDtBias() {
        assertMessage("dt_bias has 3 elements, expected (heads=4) = 4", () -> valid().dtBias(new float[3]).build());
    }

    @Test
    void wrongSizeOfInitialStates() {
        assertMessage("initial_states has 100 elements, expected (batch=1, heads=4, headdim=8, d_state=16) = 512",
                () -> valid().initialStates(new float[100]).build());
    }

    @Test
    void wrongSizeOfSequenceInitialStates() {
        assertMessage("sequence initial states has 512 elements, expected (nseq=2, heads=4, headdim=8, d_state=16) = 1024",
                () -> valid().cuSeqlens(new int[] {0, 10, 64}).sequenceInitialStates(new float[512]).build());
    }

    @Test
    void sequenceInitialStatesWithoutCuSeqlens() {
        assertMessage("sequence initial states need cu_seqlens",
                () -> valid().sequenceInitialStates(new float[512]).build());
    }

    @Test
    void bothKindsOfInitialStates() {
        assertMessage("give initial_states or sequence initial states, not both",
                () -> valid().cuSeqlens(new int[] {0, 64}).initialStates(new float[512])
                        .sequenceInitialStates(new float[512]).build());
    }

    @Test
    void headsNotDivisibleByGroups() {
        assertMessage("heads (6) must be divisible by groups (4)", () -> new SsdShape(1, 8, 6, 4, 4, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"batch", "L", "heads", "headdim", "groups", "d_state"})
    void nonPositiveSize(String name) {
        int[] sizes = {1, 8, 4, 4, 2, 4};
        int which = List.of("batch", "L", "heads", "headdim", "groups", "d_state").indexOf(name);
        sizes[which] = which % 2 == 0 ? 0 : -3;
        assertMessage(name + " must be positive, got " + sizes[which],
                () -> new SsdShape(sizes[0], sizes[1], sizes[2], sizes[3], sizes[4], sizes[5]));
    }

    @Test
    void seqIdxDecreasing() {
        int[] seqIdx = new int[64];
        for (int t = 0; t < 64; t++) seqIdx[t] = t < 30 ? 2 : 1;
        assertMessage("seq_idx must be non-decreasing along L, but row 0 goes from 2 to 1 at position 30",
                () -> valid().seqIdx(seqIdx).build());
    }

    @Test
    void seqIdxWrongSize() {
        assertMessage("seq_idx has 63 elements, expected (batch=1, L=64) = 64", () -> valid().seqIdx(new int[63]).build());
    }

    @Test
    void cuSeqlensNotStartingAtZero() {
        assertMessage("cu_seqlens must start at 0, got 1", () -> valid().cuSeqlens(new int[] {1, 20, 64}).build());
    }

    @Test
    void cuSeqlensNotEndingAtL() {
        assertMessage("cu_seqlens must end at L=64, got 60", () -> valid().cuSeqlens(new int[] {0, 20, 60}).build());
    }

    @Test
    void cuSeqlensDecreasing() {
        assertMessage("cu_seqlens must be non-decreasing, but goes from 40 to 30 at index 2",
                () -> valid().cuSeqlens(new int[] {0, 40, 30, 64}).build());
    }

    @Test
    void cuSeqlensTooShort() {
        assertMessage("cu_seqlens has 1 elements, expected (nseq + 1) with nseq >= 1",
                () -> valid().cuSeqlens(new int[] {0}).build());
    }

    @Test
    void cuSeqlensNeedsBatchOne() {
        SsdShape two = new SsdShape(2, 8, 2, 2, 1, 2);
        assertMessage("cu_seqlens needs batch=1 (sequences are packed along L), got batch=2",
                () -> new RandomSsdInputs(1).builder(two).cuSeqlens(new int[] {0, 8}).build());
    }

    @Test
    void seqIdxAndCuSeqlensTogether() {
        assertMessage("give seq_idx or cu_seqlens, not both",
                () -> valid().seqIdx(new int[64]).cuSeqlens(new int[] {0, 64}).build());
    }

    @Test
    void nanInDt() {
        float[] dt = valid().build().dt().clone();
        dt[17] = Float.NaN;
        assertMessage("dt must be finite, but dt[17] = NaN", () -> valid().dt(dt).build());
    }

    @Test
    void infinityInA() {
        float[] a = {-1, -2, Float.NEGATIVE_INFINITY, -4};
        assertMessage("A must be finite, but A[2] = -Infinity", () -> valid().A(a).build());
    }

    @Test
    void nanInA() {
        float[] a = {-1, Float.NaN, -3, -4};
        assertMessage("A must be finite, but A[1] = NaN", () -> valid().A(a).build());
    }

    @Test
    void dtLimitReversed() {
        assertMessage("dt_limit must satisfy min <= max, got (0.5, 0.1)", () -> valid().dtLimit(0.5f, 0.1f).build());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -16})
    void nonPositiveChunkSize(int chunk) {
        assertMessage("chunk_size must be positive, got " + chunk, () -> valid().chunkSize(chunk).build());
    }

    @Test
    void outputOfWrongSize() {
        SsdInputs in = valid().build();
        SsdOutputs out = new SsdOutputs(new float[2047], new float[512], null);
        assertMessage("output y has 2047 elements, expected 2048", () -> new ChunkedSsd().forward(in, out));
    }
}
