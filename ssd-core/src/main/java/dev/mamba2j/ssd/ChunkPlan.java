package dev.mamba2j.ssd;

import java.util.Arrays;

/**
 * How the chunked algorithm cuts the input: each sequence is cut into chunks of
 * {@code chunk_size} tokens from its first token (the last chunk may be shorter), so no chunk
 * ever holds tokens of two sequences. The decay between tokens of different sequences is
 * therefore zero by construction, and a sequence boundary is always a chunk boundary where the
 * state passing starts again from that sequence's initial state.
 *
 * <p>Chunks are numbered by row, then by position; the arrays below are indexed by chunk.
 */
final class ChunkPlan {

    /** Number of chunks. */
    final int count;
    /** Batch row, first token and one past the last token of each chunk. */
    final int[] row, start, end;
    /** True when the state entering the chunk is the state leaving the previous chunk. */
    final boolean[] continues;
    /** Otherwise: index of the initial state in {@link #initialStates}, or -1 for zero. */
    final int[] initialState;
    /** The sequence whose last chunk this is, or -1. */
    final int[] lastOfSequence;
    /** First chunk of each row, plus one entry for the end: row b owns [rowFirst[b], rowFirst[b+1]). */
    final int[] rowFirst;
    final float[] initialStates;

    ChunkPlan(SequenceLayout sequences, int rows, int chunkSize) {
        int n = 0;
        for (int i = 0; i < sequences.count(); i++) {
            n += ceilDiv(sequences.end(i) - sequences.start(i), chunkSize);
        }
        count = n;
        row = new int[n];
        start = new int[n];
        end = new int[n];
        continues = new boolean[n];
        initialState = new int[n];
        lastOfSequence = new int[n];
        Arrays.fill(lastOfSequence, -1);
        rowFirst = new int[rows + 1];
        initialStates = sequences.initialStates();

        int k = 0;
        int currentRow = -1;
        for (int i = 0; i < sequences.count(); i++) {
            int r = sequences.row(i);
            while (currentRow < r) {
                rowFirst[++currentRow] = k;
            }
            for (int t = sequences.start(i); t < sequences.end(i); t += chunkSize) {
                row[k] = r;
                start[k] = t;
                end[k] = Math.min(t + chunkSize, sequences.end(i));
                continues[k] = t > sequences.start(i);
                initialState[k] = continues[k] ? -1 : sequences.initialState(i);
                k++;
            }
            if (sequences.end(i) > sequences.start(i)) {
                lastOfSequence[k - 1] = i;
            }
        }
        while (currentRow < rows) {
            rowFirst[++currentRow] = k;
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
