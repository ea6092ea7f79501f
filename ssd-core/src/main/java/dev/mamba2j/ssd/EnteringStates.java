package dev.mamba2j.ssd;

import java.util.Arrays;

/**
 * Step 3: the state entering each chunk, passed along each row in order,
 * <pre>  enter[k] = continues ? leave[k-1] : initial state of the sequence (or zero)
 *  leave[k] = exp(dACum[end-1]) · enter[k] + S[k]</pre>
 * It also writes the state after each row's last token and, with cu_seqlens, after each
 * sequence (an empty sequence keeps its initial state). Sequential along a row; one work item
 * per (row, head).
 */
final class EnteringStates {

    private EnteringStates() {}

    static void run(ChunkPlan plan, SsdShape s, float[] dACum, float[] chunkStates, float[] entering,
                    float[] finalStates, float[] sequenceFinalStates) {
        int heads = s.heads(), len = s.seqLen(), size = s.headDim() * s.dState(), stateSize = s.stateSize();
        Parallel.forEach(s.batch() * heads, item -> {
            int row = item / heads;
            int h = item % heads;
            float[] state = new float[size];
            for (int k = plan.rowFirst[row]; k < plan.rowFirst[row + 1]; k++) {
                if (!plan.continues[k]) {
                    int init = plan.initialState[k];
                    if (init >= 0) {
                        System.arraycopy(plan.initialStates, init * stateSize + h * size, state, 0, size);
                    } else {
                        Arrays.fill(state, 0f);
                    }
                }
                int at = (k * heads + h) * size;
                System.arraycopy(state, 0, entering, at, size);
                float decay = (float) Math.exp(dACum[(row * heads + h) * len + plan.end[k] - 1]);
                for (int i = 0; i < size; i++) {
                    state[i] = decay * state[i] + chunkStates[at + i];
                }
                if (plan.lastOfSequence[k] >= 0 && sequenceFinalStates != null) {
                    System.arraycopy(state, 0, sequenceFinalStates, plan.lastOfSequence[k] * stateSize + h * size, size);
                }
                if (plan.end[k] == len) {
                    System.arraycopy(state, 0, finalStates, row * stateSize + h * size, size);
                }
            }
        });
    }
}
