package dev.mamba2j.verification;

import dev.mamba2j.ssd.device.RotaryEmbedding;

/**
 * Causal attention as its definition, in double: for each query i, the scores
 * s_j = q_i·k_j·scale over keys j ≤ i, o_i = Σ_j softmax(s)_j·v_j, with scale = 1/√headdim;
 * and the rotary embedding of q and k. q, k, v and o are (batch, L, heads, headdim).
 */
public final class AttentionReference {

    private AttentionReference() {}

    public static double[] run(float[] q, float[] k, float[] v, int batch, int len, int heads, int headDim) {
        return run(widen(q), widen(k), widen(v), batch, len, heads, headDim);
    }

    public static double[] run(double[] q, double[] k, double[] v, int batch, int len, int heads, int headDim) {
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
                        for (int e = 0; e < headDim; e++) dot += q[qi + e] * k[kj + e];
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

    /**
     * x (batch, L, heads, headdim) with the leading rotary_dim dimensions of each head rotated:
     * pair (x1, x2) at angle θ = (t + offset)·base^(−2i/rotary_dim) becomes
     * (x1·cos θ − x2·sin θ, x1·sin θ + x2·cos θ), angles and all in double.
     */
    public static double[] rotate(float[] x, int len, int heads, int headDim, RotaryEmbedding r) {
        double[] out = widen(x);
        int half = r.rotaryDim() / 2;
        for (int row = 0; row < x.length / headDim; row++) {
            int t = row / heads % len, base = row * headDim;
            for (int i = 0; i < half; i++) {
                double angle = (t + r.positionOffset()) * Math.pow(r.base(), -2.0 * i / r.rotaryDim());
                int a = base + (r.interleaved() ? 2 * i : i), b = base + (r.interleaved() ? 2 * i + 1 : i + half);
                out[a] = x[a] * Math.cos(angle) - x[b] * Math.sin(angle);
                out[b] = x[a] * Math.sin(angle) + x[b] * Math.cos(angle);
            }
        }
        return out;
    }

    /**
     * Causal grouped-query attention over prompts packed one after another, in double: q and o (rows,
     * heads, headDim), k and v (rows, kvHeads, headDim), sequence s on the rows of {@code lengths[s]}; query
     * head h attends with key/value head h / (heads / kvHeads) to the keys of its own sequence up to its row.
     */
    public static double[] packed(double[] q, double[] k, double[] v, int[] lengths, int heads, int kvHeads, int headDim, double scale) {
        double[] o = new double[q.length];
        int ratio = heads / kvHeads, start = 0;
        for (int len : lengths) {
            double[] s = new double[len];
            for (int h = 0; h < heads; h++)
                for (int i = 0; i < len; i++) {
                    int qi = ((start + i) * heads + h) * headDim;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= i; j++) {
                        int kj = ((start + j) * kvHeads + h / ratio) * headDim;
                        double dot = 0;
                        for (int e = 0; e < headDim; e++) dot += q[qi + e] * k[kj + e];
                        s[j] = dot * scale;
                        max = Math.max(max, s[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j <= i; j++) sum += s[j] = Math.exp(s[j] - max);
                    for (int j = 0; j <= i; j++) {
                        int vj = ((start + j) * kvHeads + h / ratio) * headDim;
                        for (int e = 0; e < headDim; e++) o[qi + e] += s[j] / sum * v[vj + e];
                    }
                }
            start += len;
        }
        return o;
    }

    /**
     * x (rows, heads, headDim) with the first rotaryDim channels of each head rotated at the row's position
     * {@code position[row]}: pair i, (i, i + rotaryDim/2) or (2i, 2i+1) when interleaved, by the angle
     * position·base^(−2i/rotaryDim), in double.
     */
    public static double[] rotate(double[] x, int[] position, int heads, int headDim, int rotaryDim, double base, boolean interleaved) {
        double[] out = x.clone();
        int half = rotaryDim / 2;
        for (int row = 0; row < position.length; row++)
            for (int h = 0; h < heads; h++) {
                int at = (row * heads + h) * headDim;
                for (int i = 0; i < half; i++) {
                    double angle = position[row] * Math.pow(base, -2.0 * i / rotaryDim);
                    int a = at + (interleaved ? 2 * i : i), b = at + (interleaved ? 2 * i + 1 : i + half);
                    out[a] = x[a] * Math.cos(angle) - x[b] * Math.sin(angle);
                    out[b] = x[a] * Math.sin(angle) + x[b] * Math.cos(angle);
                }
            }
        return out;
    }

    private static double[] widen(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }
}
