package dev.mamba2j.ssd;

/**
 * Step 4, the off-diagonal blocks: what the state entering a chunk contributes to its outputs,
 * <pre>  y[t] += exp(dACum[t]) · enter[k] · C[t]</pre>
 * One work item per (chunk, head).
 */
final class StateToOutput {

    private StateToOutput() {}

    static void run(ChunkPlan plan, SsdShape s, float[] c, float[] dACum, float[] entering, float[] y) {
        int heads = s.heads(), len = s.seqLen(), p = s.headDim(), n = s.dState(), groups = s.groups();
        Parallel.forEach(plan.count * heads, item -> {
            int k = item / heads;
            int h = item % heads;
            int row = plan.row[k];
            int g = s.groupOf(h);
            int lane = (row * heads + h) * len;
            int state = (k * heads + h) * p * n;
            for (int t = plan.start[k]; t < plan.end[k]; t++) {
                float decay = (float) Math.exp(dACum[lane + t]);
                int cOff = ((row * len + t) * groups + g) * n;
                int yOff = ((row * len + t) * heads + h) * p;
                for (int i = 0; i < p; i++) {
                    y[yOff + i] += decay * Dot.of(entering, state + i * n, c, cOff, n);
                }
            }
        });
    }
}
