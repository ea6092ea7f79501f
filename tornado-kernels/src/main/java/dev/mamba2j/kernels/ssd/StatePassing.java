package dev.mamba2j.kernels.ssd;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/** Step 3: the recurrence across chunks, S_c = exp(Σ dt·A over chunk c)·S_{c−1} + states_c. */
public final class StatePassing {
    private StatePassing() {}

    /**
     * prevStates[b,c] is the state entering chunk c (at the end of chunk c−1, or the initial state);
     * finalStates the state after the last token. A sequence that starts inside chunk c cuts the
     * decay of the older state to zero. One work-item per state element (p, n), sequential over chunks.
     * Grid: global headdim·d_state·batch·heads (1D), any local size.
     */
    @Kernel
    public static void statePassing(KernelContext ctx, FloatArray states, FloatArray dACumsum,
                                    FloatArray initialStates, IntArray seqIdx, FloatArray prevStates,
                                    FloatArray finalStates, int seqLen, int heads, int stateSize,
                                    int chunk, int nChunks, int batchHeads, boolean hasInitial, boolean hasSeqIdx) {
        int i = ctx.globalIdx;
        if (i >= stateSize * batchHeads) return;
        int e = i % stateSize;
        int bh = i / stateSize;
        int bi = bh / heads;
        int h = bh % heads;
        float s = hasInitial ? initialStates.get(bh * stateSize + e) : 0f;
        int prevSeq = hasSeqIdx ? seqIdx.get(bi * seqLen) : 0;
        for (int ci = 0; ci < nChunks; ci++) {
            int last = Math.min(chunk, seqLen - ci * chunk) - 1;
            int seqLast = hasSeqIdx ? seqIdx.get(bi * seqLen + ci * chunk + last) : 0;
            int at = ((bi * nChunks + ci) * heads + h) * stateSize + e;
            prevStates.set(at, s);
            float decay = seqLast == prevSeq ? (float) Math.exp(dACumsum.get(((bi * heads + h) * nChunks + ci) * chunk + last)) : 0f;
            s = decay * s + states.get(at);
            prevSeq = seqLast;
        }
        finalStates.set(bh * stateSize + e, s);
    }
}
