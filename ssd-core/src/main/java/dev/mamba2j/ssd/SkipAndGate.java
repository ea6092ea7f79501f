package dev.mamba2j.ssd;

/**
 * The epilogue: {@code y += D·x}, then {@code y *= silu(z)}. One work item per (row, token).
 */
final class SkipAndGate {

    private SkipAndGate() {}

    static void run(SsdShape s, float[] x, float[] d, boolean dPerChannel, float[] z, float[] y) {
        if (d == null && z == null) {
            return;
        }
        int heads = s.heads(), p = s.headDim();
        Parallel.forEach(s.batch() * s.seqLen(), token -> {
            for (int h = 0; h < heads; h++) {
                int off = (token * heads + h) * p;
                for (int i = 0; i < p; i++) {
                    float v = y[off + i];
                    if (d != null) {
                        v += (dPerChannel ? d[h * p + i] : d[h]) * x[off + i];
                    }
                    if (z != null) {
                        v *= silu(z[off + i]);
                    }
                    y[off + i] = v;
                }
            }
        });
    }

    static float silu(float v) {
        return (float) (v / (1.0 + Math.exp(-v)));
    }
}
