package dev.mamba2j.ssd;

import java.util.Arrays;

/**
 * Step 1, the diagonal blocks: the part of each output that comes from tokens of its own chunk,
 * <pre>  y[t] = Σ_{s=start..t} exp(dA[s+1] + ... + dA[t]) · (C[t]·B[s]) · dt'[s] · x[s]</pre>
 * i.e. (L ∘ C·Bᵀ)·(dt'·x) with the 1-semiseparable decay mask L restricted to one chunk.
 * The decay is a sum of the few dA between s and t, not a difference of two long running sums,
 * so it stays accurate in fp32 for tokens close together, where the weights are largest.
 * Overwrites y for every token of the chunk. One work item per (chunk, head).
 *
 * <p>The chunk's B and x are first copied into tiles (the local memory of a device kernel).
 * Each tile row is its own array, indexed exactly like the array it is combined with, which is
 * what lets the JIT vectorise the inner loops.
 */
final class IntraChunkOutputs {

    private IntraChunkOutputs() {}

    static void run(ChunkPlan plan, SsdShape s, float[] x, float[] b, float[] c,
                    float[] dt, float[] dA, float[] y) {
        int heads = s.heads(), len = s.seqLen(), p = s.headDim(), n = s.dState(), groups = s.groups();
        Parallel.forEach(plan.count * heads, item -> {
            int k = item / heads;
            int h = item % heads;
            int row = plan.row[k], first = plan.start[k], q = plan.end[k] - first;
            int g = s.groupOf(h);
            int lane = (row * heads + h) * len + first;

            float[][] bTile = new float[n][q]; // bTile[i][u] = B[u][i]
            float[][] xTile = new float[q][p]; // xTile[u] = x[u]
            for (int u = 0; u < q; u++) {
                int bOff = ((row * len + first + u) * groups + g) * n;
                for (int i = 0; i < n; i++) {
                    bTile[i][u] = b[bOff + i];
                }
                System.arraycopy(x, ((row * len + first + u) * heads + h) * p, xTile[u], 0, p);
            }
            float[] weight = new float[q]; // row t of (L ∘ C·Bᵀ)·diag(dt')
            float[] acc = new float[p];
            for (int t = 0; t < q; t++) {
                // weight[u] = C[t]·B[u] for u <= t
                Arrays.fill(weight, 0, t + 1, 0f);
                int cOff = ((row * len + first + t) * groups + g) * n;
                for (int i = 0; i < n; i++) {
                    float ci = c[cOff + i];
                    float[] bi = bTile[i];
                    for (int u = 0; u <= t; u++) {
                        weight[u] += ci * bi[u];
                    }
                }
                // times the decay from u to t and dt'[u]
                float segment = 0f; // dA[u+1] + ... + dA[t]
                for (int u = t; u >= 0; u--) {
                    weight[u] *= (float) Math.exp(segment) * dt[lane + u];
                    segment += dA[lane + u];
                }
                Arrays.fill(acc, 0f);
                for (int u = 0; u <= t; u++) {
                    float w = weight[u];
                    float[] xu = xTile[u];
                    for (int i = 0; i < p; i++) {
                        acc[i] += w * xu[i];
                    }
                }
                System.arraycopy(acc, 0, y, ((row * len + first + t) * heads + h) * p, p);
            }
        });
    }
}
