package dev.mamba2j.kernels.ssd;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * The recurrent form for decoding: one token, the state updated in place.
 *
 * <p>Reading and writing the state is all the work (batch·heads·headdim·d_state·8 bytes), so the
 * work-items that walk a row of the state walk it side by side: {@link #lanes} work-items (16 when
 * d_state allows) share each (sequence, head, p) row, lane l holding entries l, l + lanes, …, so that a
 * half-warp reads 16 consecutive floats at a time. Each lane keeps its d_state / lanes new entries in
 * registers (the loops unroll: all its loads are in flight at once); the lanes' parts of y are added
 * through local memory.
 */
public final class SsdStepKernel {
    /** Work-items per work-group; the most work-items per state row. */
    public static final int GROUP = 128, MAX_LANES = 16;

    private SsdStepKernel() {}

    /** Work-items per state row for d_state: the largest power of two up to MAX_LANES that divides it. */
    public static int lanes(int dState) {
        int lanes = MAX_LANES;
        while (dState % lanes != 0) lanes >>= 1;
        return lanes;
    }

    /** Work-groups for {@code batchHeads·headDim} state rows: grid global GROUP·groups (1D), local GROUP. */
    public static int groups(int batchHeads, int headDim, int dState) {
        int rowsPerGroup = GROUP / lanes(dState);
        return (batchHeads * headDim + rowsPerGroup - 1) / rowsPerGroup;
    }

    /**
     * h = exp(dt·A)·h + dt·x⊗B; y = h·C + D·x; y·silu(z) when hasZ. x, z (batch, heads, headdim); dt of
     * sequence s and head h at s·dtStride + dtOffset + h (so dt can be read in place out of a wider row);
     * B, C (batch, groups, d_state); state (batch, heads, headdim, d_state); lanes = {@link #lanes}(dState).
     * Grid: global {@link #GROUP}·{@link #groups} (1D), local GROUP.
     */
    @Kernel
    public static void step(KernelContext ctx, FloatArray x, FloatArray dt, FloatArray a, FloatArray b,
                            FloatArray c, FloatArray d, FloatArray z, FloatArray dtBias, FloatArray state,
                            FloatArray y, int heads, int headDim, int groups, int dState, int batchHeads,
                            int dtStride, int dtOffset, int lanes, int dMode, boolean hasZ, boolean softplus, float dtMin, float dtMax) {
        float[] hNew = new float[dState / lanes], bk = new float[dState / lanes], ck = new float[dState / lanes];
        float[] partial = ctx.allocateFloatLocalArray(GROUP);
        int lane = ctx.localIdx % lanes, rows = batchHeads * headDim;
        int row = ctx.groupIdx * (GROUP / lanes) + ctx.localIdx / lanes;
        int at = Math.min(row, rows - 1); // rows past the end compute on the last one and store nothing
        int p = at % headDim, bh = at / headDim, bi = bh / heads, h = bh % heads;
        int g = h / (heads / groups);
        int bc = (bi * groups + g) * dState + lane, s = at * dState + lane;
        // every load first: the math of dt below may branch, and loads after a branch wait for it
        for (int k = 0; k < hNew.length; k++) {
            hNew[k] = state.get(s + k * lanes);
            bk[k] = b.get(bc + k * lanes);
            ck[k] = c.get(bc + k * lanes);
        }
        float xv = x.get(at), ah = a.get(h);
        float delta = dt.get(bi * dtStride + dtOffset + h) + dtBias.get(h);
        if (softplus) delta = delta <= 20f ? (float) Math.log(1f + (float) Math.exp(delta)) : delta;
        delta = Math.min(Math.max(delta, dtMin), dtMax);
        float decay = (float) Math.exp(delta * ah);
        float acc = 0f;
        for (int k = 0; k < hNew.length; k++) {
            hNew[k] = decay * hNew[k] + delta * xv * bk[k];
            acc += hNew[k] * ck[k];
        }
        if (row < rows) for (int k = 0; k < hNew.length; k++) state.set(s + k * lanes, hNew[k]);
        partial[ctx.localIdx] = acc;
        for (int half = lanes / 2; half > 0; half >>= 1) {
            ctx.localBarrier();
            if (lane < half) partial[ctx.localIdx] += partial[ctx.localIdx + half];
        }
        if (lane == 0 && row < rows) {
            float out = partial[ctx.localIdx];
            if (dMode == ChunkScan.D_PER_HEAD) out += d.get(h) * xv;
            else if (dMode == ChunkScan.D_PER_CHANNEL) out += d.get(h * headDim + p) * xv;
            if (hasZ) {
                float zv = z.get(at);
                out *= zv / (1f + (float) Math.exp(-zv));
            }
            y.set(at, out);
        }
    }
}
