package dev.mamba2j.kernels.nn;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * The gate of a gated MLP (SwiGLU): out[r, j] = up[r, j] · silu(gate[r, j]), reading one projection that
 * packs [up, gate] per row (rows, 2·hidden), as mamba_ssm's GatedMLP fc1 stores them ({@code y, gate =
 * fc1(x).chunk(2)}; transformers' gate_proj and up_proj are packed the same way when loaded).
 */
public final class SwiGlu {
    private SwiGlu() {}

    /** Grid: global (hidden, rows) (2D), any local size. */
    @Kernel
    public static void gate(KernelContext ctx, FloatArray upGate, FloatArray out, int rows, int hidden) {
        int j = ctx.globalIdx, r = ctx.globalIdy;
        if (j >= hidden || r >= rows) return;
        int at = r * 2 * hidden + j;
        out.set(r * hidden + j, upGate.get(at) * KernelMath.silu(upGate.get(at + hidden)));
    }
}
