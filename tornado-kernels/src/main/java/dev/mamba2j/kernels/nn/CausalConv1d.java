package dev.mamba2j.kernels.nn;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * The Mamba-2 mixer's causal depthwise convolution with SiLU, over the xBC columns of the in_proj output:
 * <pre>
 *   out[t, c] = silu(bias[c] + Σ_{i<k} w[c, i] · in[t − (k−1) + i, c])
 * </pre>
 * where in[τ, c] = proj[τ·projStride + xbcOffset + c] within the sequence of t, and for τ before the
 * sequence's start the sequence's conv state: state[s, c, j] holds in[start − (k−1) + j, c], j &lt; k−1,
 * the last k−1 inputs before the start (zeros for a fresh prompt).
 *
 * <p>Layouts: w (channels, k) (PyTorch's conv1d weight (channels, 1, k) flattened), bias (channels),
 * state (batch, channels, k−1), k ≥ 2. The channels are dInner + 2·bcWidth (bcWidth = n_groups·d_state), and the
 * output is split by channel: x (tokens, dInner), B (tokens, bcWidth), C (tokens, bcWidth).
 * Sequences are packed: sequence s is tokens [seqStart[s], seqStart[s+1]).
 *
 * <p>mamba_ssm's decode cache keeps k columns per channel (the window after the shift); this one keeps
 * the k−1 that the next token needs: drop the first column when importing such a cache.
 */
public final class CausalConv1d {
    private CausalConv1d() {}

    /**
     * Prefill: every token of every sequence. hasBias false ignores bias (pass any array).
     * Grid: global (channels, tokens) (2D; x runs along channels), local (any, 1).
     */
    @Kernel
    public static void prefill(KernelContext ctx, FloatArray proj, FloatArray weight, FloatArray bias, boolean hasBias,
                               FloatArray state, IntArray seqStart, FloatArray x, FloatArray b, FloatArray c,
                               int batch, int projStride, int xbcOffset, int dInner, int bcWidth, int k) {
        int ch = ctx.globalIdx, t = ctx.globalIdy;
        int channels = dInner + 2 * bcWidth;
        if (ch >= channels || t >= seqStart.get(batch)) return;
        int seq = 0; // the last sequence starting at or before t
        for (int s = 1; s < batch; s++) if (seqStart.get(s) <= t) seq = s;
        int start = seqStart.get(seq);
        float acc = hasBias ? bias.get(ch) : 0f;
        for (int i = 0; i < k; i++) acc += weight.get(ch * k + i) * input(proj, state, t - (k - 1) + i, start, seq, ch, channels,
                projStride, xbcOffset, k);
        store(x, b, c, t, ch, dInner, bcWidth, KernelMath.silu(acc));
    }

    /**
     * The conv state after prefill: state[s, c, j] = in[end − (k−1) + j, c] (end = seqStart[s+1]), from the
     * sequence's tokens, or from its initial state where the sequence is shorter than k−1. Writes finalState,
     * which must not be initialState.
     * Grid: global (channels, batch) (2D), local (any, 1).
     */
    @Kernel
    public static void prefillState(KernelContext ctx, FloatArray proj, FloatArray initialState, IntArray seqStart,
                                    FloatArray finalState, int batch, int projStride, int xbcOffset, int channels, int k) {
        int ch = ctx.globalIdx, seq = ctx.globalIdy;
        if (ch >= channels || seq >= batch) return;
        int start = seqStart.get(seq), end = seqStart.get(seq + 1);
        for (int j = 0; j < k - 1; j++)
            finalState.set((seq * channels + ch) * (k - 1) + j, input(proj, initialState, end - (k - 1) + j, start, seq, ch, channels,
                    projStride, xbcOffset, k));
    }

    /**
     * Decode: one new token per sequence, proj row s holding sequence s's. The window is [state, new];
     * out = silu(bias + Σ w·window), and the state shifts by one in place (each work-item reads its
     * channel's state before it overwrites it).
     * Grid: global (channels, batch) (2D), local (any, 1).
     */
    @Kernel
    public static void step(KernelContext ctx, FloatArray proj, FloatArray weight, FloatArray bias, boolean hasBias,
                            FloatArray state, FloatArray x, FloatArray b, FloatArray c,
                            int batch, int projStride, int xbcOffset, int dInner, int bcWidth, int k) {
        int ch = ctx.globalIdx, seq = ctx.globalIdy;
        int channels = dInner + 2 * bcWidth;
        if (ch >= channels || seq >= batch) return;
        int row = (seq * channels + ch) * (k - 1);
        float fresh = proj.get(seq * projStride + xbcOffset + ch);
        float acc = (hasBias ? bias.get(ch) : 0f) + weight.get(ch * k + k - 1) * fresh;
        for (int j = 0; j < k - 1; j++) {
            float old = state.get(row + j);
            acc += weight.get(ch * k + j) * old;
            if (j > 0) state.set(row + j - 1, old);
        }
        state.set(row + k - 2, fresh);
        store(x, b, c, seq, ch, dInner, bcWidth, KernelMath.silu(acc));
    }

    /** in[τ, ch] of sequence seq: the projection's row τ from the start on, the conv state before it. */
    private static float input(FloatArray proj, FloatArray state, int tau, int start, int seq, int ch, int channels,
                               int projStride, int xbcOffset, int k) {
        if (tau >= start) return proj.get(tau * projStride + xbcOffset + ch);
        return state.get((seq * channels + ch) * (k - 1) + tau - start + k - 1);
    }

    /** Channel ch of row t goes to x, B or C (in that order along the channels). */
    private static void store(FloatArray x, FloatArray b, FloatArray c, int t, int ch, int dInner, int bcWidth, float v) {
        if (ch < dInner) x.set(t * dInner + ch, v);
        else if (ch < dInner + bcWidth) b.set(t * bcWidth + ch - dInner, v);
        else c.set(t * bcWidth + ch - dInner - bcWidth, v);
    }
}
