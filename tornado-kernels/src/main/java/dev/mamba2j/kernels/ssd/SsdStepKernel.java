package dev.mamba2j.kernels.ssd;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/** The recurrent form for decoding: one token, the state updated in place. */
public final class SsdStepKernel {
    private SsdStepKernel() {}

    /**
     * h = exp(dt·A)·h + dt·x⊗B; y = h·C + D·x; y·silu(z). x, z (batch, heads, headdim); dt (batch, heads);
     * B, C (batch, groups, d_state); state (batch, heads, headdim, d_state).
     * Grid: global headdim·batch·heads (1D), any local size.
     */
    @Kernel
    public static void step(KernelContext ctx, FloatArray x, FloatArray dt, FloatArray a, FloatArray b,
                            FloatArray c, FloatArray d, FloatArray z, FloatArray dtBias, FloatArray state,
                            FloatArray y, int heads, int headDim, int groups, int dState, int batchHeads,
                            int dMode, boolean hasZ, boolean softplus, float dtMin, float dtMax) {
        int i = ctx.globalIdx;
        if (i >= headDim * batchHeads) return;
        int p = i % headDim;
        int bh = i / headDim;
        int bi = bh / heads;
        int h = bh % heads;
        int g = h / (heads / groups);
        float delta = dt.get(bh) + dtBias.get(h);
        if (softplus) delta = delta <= 20f ? (float) Math.log(1f + (float) Math.exp(delta)) : delta;
        delta = Math.min(Math.max(delta, dtMin), dtMax);
        float decay = (float) Math.exp(delta * a.get(h));
        int at = bh * headDim + p;
        float xv = x.get(at);
        int bc = (bi * groups + g) * dState;
        int row = at * dState;
        float acc = 0f;
        for (int n = 0; n < dState; n++) {
            float hn = decay * state.get(row + n) + delta * xv * b.get(bc + n);
            state.set(row + n, hn);
            acc += hn * c.get(bc + n);
        }
        if (dMode == ChunkScan.D_PER_HEAD) acc += d.get(h) * xv;
        else if (dMode == ChunkScan.D_PER_CHANNEL) acc += d.get(h * headDim + p) * xv;
        if (hasZ) {
            float zv = z.get(at);
            acc *= zv / (1f + (float) Math.exp(-zv));
        }
        y.set(at, acc);
    }
}
