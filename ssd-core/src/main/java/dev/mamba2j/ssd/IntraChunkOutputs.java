package dev.mamba2j.ssd;

import java.util.Arrays;

/**
 * Step 1, the diagonal blocks: the part of each output that comes from tokens of its own chunk,
 * <pre>  y[t] = Σ_{s=start..t} exp(dA[s+1] + ... + dA[t]) · (C[t]·B[s]) · dt'[s] · x[s]</pre>
 * i.e. (L ∘ C·Bᵀ)·(dt'·x) with the 1-semiseparable decay mask L restricted to one chunk.
 * The decay is a sum of the few dA between s and t, not a difference of two long running sums,
 * so it stays accurate in fp32 for tokens close together, where it matters most.
 * Overwrites y for every token of the chunk. One work item per (chunk, head).
 */
final class IntraChunkOutputs {

    private IntraChunkOutputs() {}

    static void run(ChunkPlan plan, SsdShape s, float[] x, float[] b, float[] c,
                    float[] dt, float[] dA, float[] y) {
        int heads = s.heads(), len = s.seqLen(), p = s.headDim(), n = s.dState(), groups = s.groups();
        Parallel.forEach(plan.count * heads, item -> {
            int k = item / heads;
            int h = item % heads;
            int row = plan.row[k];
            int g = s.groupOf(h);
            int lane = (row * heads + h) * len;
            float[] acc = new float[p];
            for (int t = plan.start[k]; t < plan.end[k]; t++) {
                Arrays.fill(acc, 0f);
                int cOff = ((row * len + t) * groups + g) * n;
                float segment = 0f; // dA[s+1] + ... + dA[t]
                for (int src = t; src >= plan.start[k]; src--) {
                    int bOff = ((row * len + src) * groups + g) * n;
                    float cb = 0f;
                    for (int i = 0; i < n; i++) {
                        cb += c[cOff + i] * b[bOff + i];
                    }
                    float w = (float) Math.exp(segment) * cb * dt[lane + src];
                    int xOff = ((row * len + src) * heads + h) * p;
                    for (int i = 0; i < p; i++) {
                        acc[i] += w * x[xOff + i];
                    }
                    segment += dA[lane + src];
                }
                System.arraycopy(acc, 0, y, ((row * len + t) * heads + h) * p, p);
            }
        });
    }
}
