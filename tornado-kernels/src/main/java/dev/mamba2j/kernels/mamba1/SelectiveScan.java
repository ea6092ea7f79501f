package dev.mamba2j.kernels.mamba1;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * Mamba-1's selective scan forward, fused: discretisation, the recurrence, the C contraction, the
 * D skip and the z gate in one pass that reads every input once and writes y and the last state
 * once, never materialising the (L, d, n) states.
 *
 * <p>Per channel c and state n, with Δ = softplus(delta + delta_bias):
 * <pre>  h[n] = exp(Δ·A[c,n])·h[n] + Δ·B[t,n]·u[t,c],   y[t,c] = (Σ_n h[n]·C[t,n] + D[c]·u[t,c])·silu(z[t,c])</pre>
 *
 * <p>How it maps to the reference's fused CUDA kernel: that kernel gives a thread block one
 * (batch, channel), splits L over its threads, and runs one block-wide parallel scan of the pairs
 * (exp(Δ·A), Δ·B·u) per state n, carrying the prefix from one L-chunk to the next. Here the
 * parallel axis is the channels instead: a work-item owns one (batch, channel), keeps its whole
 * state h[0..n) in registers and walks L in order, so the scan needs no combine step and every
 * product is formed exactly once. What the reference shares through shared memory, the tokens' B
 * and C, is shared here too: a work-group covers channels of one (batch, group), stages
 * {@link #CHUNK} tokens of B and C in local memory per round, and all its work-items read them.
 * u, delta and z are read once each, coalesced across the work-group's channels.
 * The state update and the C contraction are fused multiply-adds (device code is compiled with
 * contraction off, as Java's semantics require).
 *
 * <p>Layouts (row-major, channels last): u, delta, z, y (batch, L, d); A (d, n); B, C
 * (batch, L, groups, n), channel c reading group c / (d / groups); D, delta_bias (d); last state
 * (batch, d, n).
 */
public final class SelectiveScan {
    /** Tokens of B and C staged in local memory per barrier round. */
    public static final int CHUNK = 32;

    private SelectiveScan() {}

    /**
     * Grid: global batch·d (1D), local any divisor of d / groups, so that a work-group's channels
     * share one batch row and one group of B and C.
     */
    @Kernel
    public static void selectiveScan(KernelContext ctx, FloatArray u, FloatArray delta, FloatArray a, FloatArray b,
                                     FloatArray c, FloatArray d, FloatArray z, FloatArray deltaBias, FloatArray y,
                                     FloatArray lastState, int seqLen, int channels, int groups, int dState,
                                     boolean hasD, boolean hasZ, boolean hasDeltaBias, boolean softplus) {
        int i = ctx.globalIdx; // batch·d + channel
        int ch = i % channels;
        int bi = i / channels;
        int g = ch / (channels / groups);
        float bias = hasDeltaBias ? deltaBias.get(ch) : 0f;
        float skip = hasD ? d.get(ch) : 0f;

        float[] h = new float[dState];
        float[] aRow = new float[dState];
        for (int n = 0; n < dState; n++) aRow[n] = a.get(ch * dState + n);

        float[] bTile = ctx.allocateFloatLocalArray(CHUNK * dState);
        float[] cTile = ctx.allocateFloatLocalArray(CHUNK * dState);
        for (int t0 = 0; t0 < seqLen; t0 += CHUNK) {
            int steps = Math.min(CHUNK, seqLen - t0);
            for (int e = ctx.localIdx; e < steps * dState; e += ctx.localGroupSizeX) {
                int at = ((bi * seqLen + t0 + e / dState) * groups + g) * dState + e % dState;
                bTile[e] = b.get(at);
                cTile[e] = c.get(at);
            }
            ctx.localBarrier();

            for (int s = 0; s < steps; s++) {
                int at = (bi * seqLen + t0 + s) * channels + ch;
                float x = u.get(at);
                float dt = delta.get(at) + bias;
                if (softplus) dt = dt <= 20f ? (float) Math.log(1f + (float) Math.exp(dt)) : dt;
                float dtx = dt * x;
                float out = 0f;
                for (int n = 0; n < dState; n++) {
                    h[n] = Math.fma((float) Math.exp(dt * aRow[n]), h[n], dtx * bTile[s * dState + n]);
                    out = Math.fma(h[n], cTile[s * dState + n], out);
                }
                out += skip * x;
                if (hasZ) {
                    float zv = z.get(at);
                    out *= zv / (1f + (float) Math.exp(-zv));
                }
                y.set(at, out);
            }
            // The next round overwrites the tiles only after every work-item has read them.
            ctx.localBarrier();
        }
        for (int n = 0; n < dState; n++) lastState.set(i * dState + n, h[n]);
    }
}
