package dev.mamba2j.verification;

/**
 * Causal attention as its definition, in double: for each query i, the scores
 * s_j = q_i·k_j·scale over keys j ≤ i, o_i = Σ_j softmax(s)_j·v_j, with scale = 1/√headdim.
 * q, k, v and o are (batch, L, heads, headdim).
 */
public final class AttentionReference {

    private AttentionReference() {}

    public static double[] run(float[] q, float[] k, float[] v, int batch, int len, int heads, int headDim) {
        double scale = 1 / Math.sqrt(headDim);
        double[] o = new double[q.length];
        double[] s = new double[len];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < len; i++) {
                    int qi = ((b * len + i) * heads + h) * headDim;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= i; j++) {
                        int kj = ((b * len + j) * heads + h) * headDim;
                        double dot = 0;
                        for (int e = 0; e < headDim; e++) dot += (double) q[qi + e] * k[kj + e];
                        s[j] = dot * scale;
                        max = Math.max(max, s[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j <= i; j++) {
                        s[j] = Math.exp(s[j] - max);
                        sum += s[j];
                    }
                    for (int j = 0; j <= i; j++) {
                        int vj = ((b * len + j) * heads + h) * headDim;
                        for (int e = 0; e < headDim; e++) o[qi + e] += s[j] / sum * v[vj + e];
                    }
                }
            }
        }
        return o;
    }
}
