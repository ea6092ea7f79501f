package dev.mamba2j.ssd;

/**
 * Every check on SSD inputs, in one place. Each failure is an {@link IllegalArgumentException}
 * whose message names the argument and the shape it should have.
 */
final class InputValidation {

    private InputValidation() {}

    static void checkShape(int batch, int seqLen, int heads, int headDim, int groups, int dState) {
        positive("batch", batch);
        positive("L", seqLen);
        positive("heads", heads);
        positive("headdim", headDim);
        positive("groups", groups);
        positive("d_state", dState);
        if (heads % groups != 0) {
            throw new IllegalArgumentException(
                    "heads (" + heads + ") must be divisible by groups (" + groups + ")");
        }
        long state = (long) heads * headDim * dState;
        if (state > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a state of (heads=" + heads + ", headdim=" + headDim
                    + ", d_state=" + dState + ") = " + state + " elements does not fit in one array");
        }
    }

    static void check(SsdInputs.Builder in) {
        SsdShape s = in.shape;
        String xShape = "(batch=" + s.batch() + ", L=" + s.seqLen() + ", heads=" + s.heads()
                + ", headdim=" + s.headDim() + ")";
        String bcShape = "(batch=" + s.batch() + ", L=" + s.seqLen() + ", groups=" + s.groups()
                + ", d_state=" + s.dState() + ")";
        String dtShape = "(batch=" + s.batch() + ", L=" + s.seqLen() + ", heads=" + s.heads() + ")";
        String headsShape = "(heads=" + s.heads() + ")";
        String stateDims = "heads=" + s.heads() + ", headdim=" + s.headDim() + ", d_state=" + s.dState() + ")";

        size("x", in.x, xShape, s.xSize(), true);
        size("dt", in.dt, dtShape, s.dtSize(), true);
        size("A", in.a, headsShape, s.heads(), true);
        size("B", in.b, bcShape, s.bcSize(), true);
        size("C", in.c, bcShape, s.bcSize(), true);
        size("z", in.z, xShape, s.xSize(), false);
        size("dt_bias", in.dtBias, headsShape, s.heads(), false);
        size("initial_states", in.initialStates, "(batch=" + s.batch() + ", " + stateDims,
                (long) s.batch() * s.stateSize(), false);
        if (in.d != null && in.d.length != s.heads() && in.d.length != (long) s.heads() * s.headDim()) {
            throw new IllegalArgumentException("D has " + in.d.length + " elements, expected (heads="
                    + s.heads() + ") = " + s.heads() + " or (heads=" + s.heads() + ", headdim="
                    + s.headDim() + ") = " + (long) s.heads() * s.headDim());
        }

        finite("dt", in.dt);
        finite("A", in.a);
        finite("dt_bias", in.dtBias);
        if (in.hasDtLimit && !(in.dtMin <= in.dtMax)) {
            throw new IllegalArgumentException("dt_limit must satisfy min <= max, got (" + in.dtMin
                    + ", " + in.dtMax + ")");
        }
        if (in.chunkSize <= 0) {
            throw new IllegalArgumentException("chunk_size must be positive, got " + in.chunkSize);
        }

        if (in.seqIdx != null && in.cuSeqlens != null) {
            throw new IllegalArgumentException("give seq_idx or cu_seqlens, not both");
        }
        if (in.seqIdx != null) {
            checkSeqIdx(in.seqIdx, s);
        }
        if (in.cuSeqlens != null) {
            checkCuSeqlens(in.cuSeqlens, s);
        }
        if (in.sequenceInitialStates != null) {
            if (in.cuSeqlens == null) {
                throw new IllegalArgumentException("sequence initial states need cu_seqlens");
            }
            if (in.initialStates != null) {
                throw new IllegalArgumentException(
                        "give initial_states or sequence initial states, not both");
            }
            int nseq = in.cuSeqlens.length - 1;
            size("sequence initial states", in.sequenceInitialStates, "(nseq=" + nseq + ", " + stateDims,
                    (long) nseq * s.stateSize(), false);
        }
    }

    private static void checkSeqIdx(int[] seqIdx, SsdShape s) {
        long expected = (long) s.batch() * s.seqLen();
        if (seqIdx.length != expected) {
            throw new IllegalArgumentException("seq_idx has " + seqIdx.length + " elements, expected (batch="
                    + s.batch() + ", L=" + s.seqLen() + ") = " + expected);
        }
        for (int b = 0; b < s.batch(); b++) {
            for (int t = 1; t < s.seqLen(); t++) {
                int i = b * s.seqLen() + t;
                if (seqIdx[i] < seqIdx[i - 1]) {
                    throw new IllegalArgumentException("seq_idx must be non-decreasing along L, but row " + b
                            + " goes from " + seqIdx[i - 1] + " to " + seqIdx[i] + " at position " + t);
                }
            }
        }
    }

    private static void checkCuSeqlens(int[] cu, SsdShape s) {
        if (s.batch() != 1) {
            throw new IllegalArgumentException("cu_seqlens needs batch=1 (sequences are packed along L), got batch="
                    + s.batch());
        }
        if (cu.length < 2) {
            throw new IllegalArgumentException("cu_seqlens has " + cu.length
                    + " elements, expected (nseq + 1) with nseq >= 1");
        }
        if (cu[0] != 0) {
            throw new IllegalArgumentException("cu_seqlens must start at 0, got " + cu[0]);
        }
        for (int i = 1; i < cu.length; i++) {
            if (cu[i] < cu[i - 1]) {
                throw new IllegalArgumentException("cu_seqlens must be non-decreasing, but goes from "
                        + cu[i - 1] + " to " + cu[i] + " at index " + i);
            }
        }
        if (cu[cu.length - 1] != s.seqLen()) {
            throw new IllegalArgumentException("cu_seqlens must end at L=" + s.seqLen() + ", got "
                    + cu[cu.length - 1]);
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void size(String name, float[] array, String shape, long expected, boolean required) {
        if (array == null) {
            if (required) {
                throw new IllegalArgumentException(name + " is required, expected " + shape + " = " + expected);
            }
            return;
        }
        if (array.length != expected) {
            throw new IllegalArgumentException(name + " has " + array.length + " elements, expected "
                    + shape + " = " + expected);
        }
    }

    private static void finite(String name, float[] array) {
        if (array == null) {
            return;
        }
        for (int i = 0; i < array.length; i++) {
            if (!Float.isFinite(array[i])) {
                throw new IllegalArgumentException(name + " must be finite, but " + name + "[" + i + "] = " + array[i]);
            }
        }
    }
}
