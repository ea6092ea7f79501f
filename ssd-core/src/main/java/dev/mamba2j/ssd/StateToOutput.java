package dev.mamba2j.ssd;

import java.util.Arrays;

/**
 * Step 4, the off-diagonal blocks: what the state entering a chunk contributes to its outputs,
 * <pre>  y[t] += exp(dACum[t]) · enter[k] · C[t]</pre>
 * One work item per (chunk, head). The entering state is first transposed into a (d_state,
 * headdim) tile of row arrays, so that enter·C[t] is a sum of contiguous rows (vectorised).
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
            float[][] stateT = new float[n][p]; // stateT[j][i] = enter[i][j]
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < n; j++) {
                    stateT[j][i] = entering[state + i * n + j];
                }
            }
            float[] acc = new float[p];
            for (int t = plan.start[k]; t < plan.end[k]; t++) {
                Arrays.fill(acc, 0f);
                int cOff = ((row * len + t) * groups + g) * n;
                for (int j = 0; j < n; j++) {
                    float cj = c[cOff + j];
                    float[] column = stateT[j];
                    for (int i = 0; i < p; i++) {
                        acc[i] += cj * column[i];
                    }
                }
                float decay = (float) Math.exp(dACum[lane + t]);
                int yOff = ((row * len + t) * heads + h) * p;
                for (int i = 0; i < p; i++) {
                    y[yOff + i] += decay * acc[i];
                }
            }
        });
    }
}
