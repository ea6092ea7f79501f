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
 * product is formed exactly once. Like the reference, the work-group loads a chunk of tokens at a
 * time before computing on it: {@link #tokensPerRound} tokens of B and C (shared by all its channels, which
 * lie in one (batch, group)) and of u, delta and z for its channels, coalesced, into local memory.
 * The loads of a chunk are all in flight together, so the sequential walk does not wait on memory
 * token by token. The state update and the C contraction are fused multiply-adds (device code is
 * compiled with contraction off, as Java's semantics require).
 *
 * <p>Layouts (row-major, channels last): u, delta, z, y (batch, L, d); A (d, n); B, C
 * (batch, L, groups, n), channel c reading group c / (d / groups); D, delta_bias (d); last state
 * (batch, d, n).
 */
public final class SelectiveScan {
    /** Tokens staged in local memory per barrier round, up to d_state 128. */
    public static final int CHUNK = 32;

    private SelectiveScan() {}

    /**
     * Tokens staged per round: {@link #CHUNK}, fewer above d_state 128 so that B and C of a round
     * stay within 32 KiB (a GPU's work-group has 48 KiB of local memory).
     */
    public static int tokensPerRound(int dState) {
        return dState <= 128 ? CHUNK : Math.max(1, CHUNK * 128 / dState);
    }

    /**
     * Work-items per channel: 1 up to d_state 64; above, the smallest number of equal slices of at most
     * 64 states (the state lives in registers, and more than 64 of it, with its row of A, spills), up
     * to 8; else 1.
     */
    public static int parts(int dState) {
        for (int p = (dState + 63) / 64; p <= 8; p++) if (dState % p == 0) return p;
        return 1;
    }

    /**
     * Local memory in bytes for a work-group of {@code width} channels: a round's tokens of B and C
     * (d_state each) and of u, delta and z (width each), and with several parts per channel their
     * partial outputs (width · parts each).
     */
    public static long localBytes(int width, int dState) {
        int parts = parts(dState);
        return 4L * tokensPerRound(dState) * (2L * dState + 3L * width + (parts > 1 ? (long) width * parts : 0));
    }

    /**
     * Grid: global batch·d (1D), local {@code width}, a divisor of d / groups, so that a
     * work-group's channels share one batch row and one group of B and C. {@code round} is
     * {@link #tokensPerRound}(dState): tokens staged per barrier round (it sizes the local arrays).
     */
    @Kernel
    public static void selectiveScan(KernelContext ctx, FloatArray u, FloatArray delta, FloatArray a, FloatArray b,
                                     FloatArray c, FloatArray d, FloatArray z, FloatArray deltaBias, FloatArray y,
                                     FloatArray lastState, int seqLen, int channels, int groups, int dState, int width,
                                     int round, boolean hasD, boolean hasZ, boolean hasDeltaBias, boolean softplus) {
        int i = ctx.globalIdx; // batch·d + channel
        int lane = ctx.localIdx;
        int ch = i % channels;
        int bi = i / channels;
        int firstChannel = ch - lane;
        int g = ch / (channels / groups);
        float bias = hasDeltaBias ? deltaBias.get(ch) : 0f;
        float skip = hasD ? d.get(ch) : 0f;

        float[] h = new float[dState];
        float[] aRow = new float[dState];
        for (int n = 0; n < dState; n++) aRow[n] = a.get(ch * dState + n);

        float[] bTile = ctx.allocateFloatLocalArray(round * dState);
        float[] cTile = ctx.allocateFloatLocalArray(round * dState);
        float[] uTile = ctx.allocateFloatLocalArray(round * width);
        float[] dtTile = ctx.allocateFloatLocalArray(round * width);
        float[] zTile = ctx.allocateFloatLocalArray(round * width);
        for (int t0 = 0; t0 < seqLen; t0 += round) {
            int steps = Math.min(round, seqLen - t0);
            for (int e = lane; e < steps * dState; e += width) {
                int at = ((bi * seqLen + t0 + e / dState) * groups + g) * dState + e % dState;
                bTile[e] = b.get(at);
                cTile[e] = c.get(at);
            }
            for (int e = lane; e < steps * width; e += width) {
                int at = (bi * seqLen + t0 + e / width) * channels + firstChannel + e % width;
                uTile[e] = u.get(at);
                dtTile[e] = delta.get(at);
                if (hasZ) zTile[e] = z.get(at);
            }
            ctx.localBarrier();

            for (int s = 0; s < steps; s++) {
                float x = uTile[s * width + lane];
                float dt = dtTile[s * width + lane] + bias;
                if (softplus) dt = dt <= 20f ? (float) Math.log(1f + (float) Math.exp(dt)) : dt;
                float dtx = dt * x;
                float out = 0f;
                for (int n = 0; n < dState; n++) {
                    h[n] = Math.fma((float) Math.exp(dt * aRow[n]), h[n], dtx * bTile[s * dState + n]);
                    out = Math.fma(h[n], cTile[s * dState + n], out);
                }
                out += skip * x;
                if (hasZ) {
                    float zv = zTile[s * width + lane];
                    out *= zv / (1f + (float) Math.exp(-zv));
                }
                y.set((bi * seqLen + t0 + s) * channels + ch, out);
            }
            // The next round overwrites the tiles only after every work-item has read them.
            ctx.localBarrier();
        }
        for (int n = 0; n < dState; n++) lastState.set(i * dState + n, h[n]);
    }

    /**
     * {@link #selectiveScan} with each channel's state split over {@link #parts}(dState) work-items, for
     * d_state above 64. A kernel of its own: run for every d_state, it was 8–79% slower than the unsplit
     * kernel up to d_state 64 through NVIDIA's OpenCL (1–16% through CUDA), in a study of each on the
     * H100. The slices' partial sums meet in local memory once per round.
     * Grid: global batch·d·{@link #parts}(dState) (1D), local {@code width}·parts, width a divisor of
     * d / groups, so that a work-group's channels share one batch row and one group of B and C. Work-item
     * {@code part·width + k} of a group holds states [part·slice, (part+1)·slice) of its k-th channel,
     * slice = d_state / parts. {@code round} is {@link #tokensPerRound}(dState): tokens staged per
     * barrier round (it sizes the local arrays).
     */
    @Kernel
    public static void selectiveScanSplit(KernelContext ctx, FloatArray u, FloatArray delta, FloatArray a, FloatArray b,
                                     FloatArray c, FloatArray d, FloatArray z, FloatArray deltaBias, FloatArray y,
                                     FloatArray lastState, int seqLen, int channels, int groups, int dState, int width,
                                     int round, int parts, boolean hasD, boolean hasZ, boolean hasDeltaBias, boolean softplus) {
        int lane = ctx.localIdx;
        int items = width * parts;
        int part = lane / width, k = lane % width;
        int i = ctx.groupIdx * width + k; // batch·d + channel
        int ch = i % channels;
        int bi = i / channels;
        int firstChannel = ch - k;
        int g = ch / (channels / groups);
        int slice = dState / parts, n0 = part * slice;
        float bias = hasDeltaBias ? deltaBias.get(ch) : 0f;
        float skip = hasD ? d.get(ch) : 0f;

        float[] h = new float[slice];
        float[] aRow = new float[slice];
        for (int n = 0; n < slice; n++) aRow[n] = a.get(ch * dState + n0 + n);

        float[] bTile = ctx.allocateFloatLocalArray(round * dState);
        float[] cTile = ctx.allocateFloatLocalArray(round * dState);
        float[] uTile = ctx.allocateFloatLocalArray(round * width);
        float[] dtTile = ctx.allocateFloatLocalArray(round * width);
        float[] zTile = ctx.allocateFloatLocalArray(round * width);
        float[] partial = ctx.allocateFloatLocalArray(round * width * parts); // each slice's Σ_n h·C
        for (int t0 = 0; t0 < seqLen; t0 += round) {
            int steps = Math.min(round, seqLen - t0);
            for (int e = lane; e < steps * dState; e += items) {
                int at = ((bi * seqLen + t0 + e / dState) * groups + g) * dState + e % dState;
                bTile[e] = b.get(at);
                cTile[e] = c.get(at);
            }
            for (int e = lane; e < steps * width; e += items) {
                int at = (bi * seqLen + t0 + e / width) * channels + firstChannel + e % width;
                uTile[e] = u.get(at);
                dtTile[e] = delta.get(at);
                if (hasZ) zTile[e] = z.get(at);
            }
            ctx.localBarrier();

            for (int s = 0; s < steps; s++) {
                float x = uTile[s * width + k];
                float dt = dtTile[s * width + k] + bias;
                if (softplus) dt = dt <= 20f ? (float) Math.log(1f + (float) Math.exp(dt)) : dt;
                float dtx = dt * x;
                float out = 0f;
                for (int n = 0; n < slice; n++) {
                    h[n] = Math.fma((float) Math.exp(dt * aRow[n]), h[n], dtx * bTile[s * dState + n0 + n]);
                    out = Math.fma(h[n], cTile[s * dState + n0 + n], out);
                }
                partial[s * items + lane] = out;
            }
            // The slices' sums, added in slice order by the channel's first work-item.
            ctx.localBarrier();
            if (part == 0) {
                for (int s = 0; s < steps; s++) {
                    float out = 0f;
                    for (int p = 0; p < parts; p++) out += partial[s * items + p * width + k];
                    y.set((bi * seqLen + t0 + s) * channels + ch, finish(out, uTile[s * width + k], skip, zTile[s * width + k], hasZ));
                }
            }
            // The next round overwrites the tiles only after every work-item has read them.
            ctx.localBarrier();
        }
        for (int n = 0; n < slice; n++) lastState.set(i * dState + n0 + n, h[n]);
    }

    /** y = (Σ_n h[n]·C[n] + D·u)·silu(z). */
    private static float finish(float out, float x, float skip, float zv, boolean hasZ) {
        float v = out + skip * x;
        return hasZ ? v * (zv / (1f + (float) Math.exp(-zv))) : v;
    }
}
