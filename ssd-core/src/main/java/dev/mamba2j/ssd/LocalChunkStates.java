package dev.mamba2j.ssd;

/**
 * Step 2: the state each chunk builds from its own tokens, as if it started from zero,
 * <pre>  S[k] = Σ_{s in chunk} exp(dA[s+1] + ... + dA[end-1]) · dt'[s] · x[s] ⊗ B[s]</pre>
 * Output layout (chunk, heads, headdim, d_state). One work item per (chunk, head). The state is
 * summed in a tile of row arrays, indexed like the copied B row, so the inner loop vectorises.
 */
final class LocalChunkStates {

    private LocalChunkStates() {}

    static void run(ChunkPlan plan, SsdShape s, float[] x, float[] b, float[] dt, float[] dA,
                    float[] chunkStates) {
        int heads = s.heads(), len = s.seqLen(), p = s.headDim(), n = s.dState(), groups = s.groups();
        Parallel.forEach(plan.count * heads, item -> {
            int k = item / heads;
            int h = item % heads;
            int row = plan.row[k];
            int g = s.groupOf(h);
            int lane = (row * heads + h) * len;
            float[][] state = new float[p][n];
            float[] bRow = new float[n];
            float decayToEnd = 0f; // dA[s+1] + ... + dA[end-1]
            for (int src = plan.end[k] - 1; src >= plan.start[k]; src--) {
                float w = (float) Math.exp(decayToEnd) * dt[lane + src];
                int xOff = ((row * len + src) * heads + h) * p;
                System.arraycopy(b, ((row * len + src) * groups + g) * n, bRow, 0, n);
                for (int i = 0; i < p; i++) {
                    float wx = w * x[xOff + i];
                    float[] si = state[i];
                    for (int j = 0; j < n; j++) {
                        si[j] += wx * bRow[j];
                    }
                }
                decayToEnd += dA[lane + src];
            }
            int out = (k * heads + h) * p * n;
            for (int i = 0; i < p; i++) {
                System.arraycopy(state[i], 0, chunkStates, out + i * n, n);
            }
        });
    }
}
