package dev.mamba2j.ssd;

import java.util.ArrayList;
import java.util.List;

/**
 * The sequences of an input, from seq_idx, cu_seqlens or neither, in one form: for each
 * sequence its batch row, token range and where its initial state comes from. Sequences are
 * ordered by row, then by position; with cu_seqlens their order is that of cu_seqlens.
 */
public final class SequenceLayout {

    private final int[] row, start, end, initialState;
    private final float[] initialStates;

    private SequenceLayout(List<int[]> sequences, float[] initialStates) {
        int n = sequences.size();
        row = new int[n];
        start = new int[n];
        end = new int[n];
        initialState = new int[n];
        for (int i = 0; i < n; i++) {
            int[] q = sequences.get(i);
            row[i] = q[0];
            start[i] = q[1];
            end[i] = q[2];
            initialState[i] = q[3];
        }
        this.initialStates = initialStates;
    }

    public static SequenceLayout of(SsdInputs in) {
        SsdShape s = in.shape();
        int len = s.seqLen();
        List<int[]> sequences = new ArrayList<>();
        if (in.cuSeqlens() != null) {
            int[] cu = in.cuSeqlens();
            boolean perSequence = in.sequenceInitialStates() != null;
            for (int i = 0; i + 1 < cu.length; i++) {
                int init = perSequence ? i : (i == 0 && in.initialStates() != null ? 0 : -1);
                sequences.add(new int[] {0, cu[i], cu[i + 1], init});
            }
            return new SequenceLayout(sequences, perSequence ? in.sequenceInitialStates() : in.initialStates());
        }
        int[] seqIdx = in.seqIdx();
        for (int b = 0; b < s.batch(); b++) {
            int first = 0;
            for (int t = 1; t <= len; t++) {
                boolean boundary = t == len || (seqIdx != null && seqIdx[b * len + t] != seqIdx[b * len + t - 1]);
                if (boundary) {
                    int init = first == 0 && in.initialStates() != null ? b : -1;
                    sequences.add(new int[] {b, first, t, init});
                    first = t;
                }
            }
        }
        return new SequenceLayout(sequences, in.initialStates());
    }

    public int count() { return row.length; }

    /** Batch row of sequence {@code i}. */
    public int row(int i) { return row[i]; }

    /** First token of sequence {@code i} in its row. */
    public int start(int i) { return start[i]; }

    /** One past the last token of sequence {@code i}; equal to start when it is empty. */
    public int end(int i) { return end[i]; }

    /**
     * Index of sequence {@code i}'s initial state in {@link #initialStates()}, in units of one
     * state (heads, headdim, d_state); -1 when the sequence starts from zero.
     */
    public int initialState(int i) { return initialState[i]; }

    /** The tensor that {@link #initialState(int)} indexes, or null. */
    public float[] initialStates() { return initialStates; }
}
