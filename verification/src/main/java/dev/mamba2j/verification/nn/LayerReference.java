package dev.mamba2j.verification.nn;

/**
 * The layers of a Mamba-2 language model besides SSD, in double precision, written as directly as the
 * formulas (the device kernels are in tornado-kernels, packages nn and linalg). Inputs are the fp32
 * values the kernels see; matrices are row-major; a null bias or initial state means none (zeros).
 */
public final class LayerReference {
    private LayerReference() {}

    /** out[t][j] = table[token[t]][j]. */
    public static double[] embedding(int[] token, float[] table, int dim) {
        double[] out = new double[token.length * dim];
        for (int t = 0; t < token.length; t++)
            for (int j = 0; j < dim; j++) out[t * dim + j] = table[token[t] * dim + j];
        return out;
    }

    /** The residual stream after the add and the normalised rows. */
    public record AddNorm(double[] residual, double[] out) {}

    /** residual = (residual == null ? x : residual + x); out = rmsNorm(residual). */
    public static AddNorm addNorm(float[] x, float[] residual, float[] weight, int dim, double eps) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) r[i] = residual == null ? x[i] : (double) residual[i] + x[i];
        return new AddNorm(r, rmsNorm(r, weight, dim, dim, eps));
    }

    /**
     * out = v · rsqrt(mean(v²) + eps) · weight[j], the mean taken over each group of groupSize consecutive
     * features of a row of dim.
     */
    public static double[] rmsNorm(double[] v, float[] weight, int dim, int groupSize, double eps) {
        double[] out = new double[v.length];
        for (int g0 = 0; g0 < v.length; g0 += groupSize) {
            double squares = 0;
            for (int j = 0; j < groupSize; j++) squares += v[g0 + j] * v[g0 + j];
            double scale = 1 / Math.sqrt(squares / groupSize + eps);
            for (int j = 0; j < groupSize; j++) out[g0 + j] = v[g0 + j] * scale * weight[(g0 + j) % dim];
        }
        return out;
    }

    /** v = y · silu(z), z[r][j] = proj[r·zStride + zOffset + j]; then rmsNorm over groups of groupSize. */
    public static double[] gatedRmsNorm(float[] y, float[] proj, int zStride, int zOffset, float[] weight, int d, int groupSize,
                                        double eps) {
        double[] v = new double[y.length];
        for (int r = 0; r < y.length / d; r++)
            for (int j = 0; j < d; j++) v[r * d + j] = y[r * d + j] * silu(proj[r * zStride + zOffset + j]);
        return rmsNorm(v, weight, d, groupSize, eps);
    }

    public static double silu(double v) { return v / (1 + Math.exp(-v)); }

    /**
     * The conv's input: in_proj's xBC columns, proj (tokens, projStride) read at column xbcOffset + c for
     * c &lt; channels; w (channels, k); bias (channels) or null.
     */
    public record ConvInput(float[] proj, int projStride, int xbcOffset, int channels, float[] weight, float[] bias, int k) {
        double in(int t, int c) { return proj[t * projStride + xbcOffset + c]; }
    }

    /** Outputs (tokens, channels), before the split into x, B, C, and the conv state (batch, channels, k−1). */
    public record Conv(double[] out, double[] state) {}

    /**
     * Prefill over packed sequences: out[t, c] = silu(bias[c] + Σ_i w[c, i]·in[t − (k−1) + i, c]), each sequence
     * padded on the left with its initial state (batch, channels, k−1) (zeros when null). The final state of a
     * sequence is the last k−1 inputs of that padded sequence.
     */
    public static Conv causalConv1d(ConvInput in, float[] initialState, int[] seqStart) {
        int batch = seqStart.length - 1, c = in.channels(), k = in.k();
        double[] out = new double[seqStart[batch] * c], state = new double[batch * c * (k - 1)];
        for (int s = 0; s < batch; s++) {
            int start = seqStart[s], len = seqStart[s + 1] - start;
            for (int ch = 0; ch < c; ch++) {
                double[] padded = new double[k - 1 + len]; // [initial state, the sequence's inputs]
                for (int j = 0; j < k - 1; j++) padded[j] = initialState == null ? 0 : initialState[(s * c + ch) * (k - 1) + j];
                for (int t = 0; t < len; t++) padded[k - 1 + t] = in.in(start + t, ch);
                for (int t = 0; t < len; t++) {
                    double acc = in.bias() == null ? 0 : in.bias()[ch];
                    for (int i = 0; i < k; i++) acc += (double) in.weight()[ch * k + i] * padded[t + i];
                    out[(start + t) * c + ch] = silu(acc);
                }
                for (int j = 0; j < k - 1; j++) state[(s * c + ch) * (k - 1) + j] = padded[len + j];
            }
        }
        return new Conv(out, state);
    }

    /** One decode step per sequence (proj row s = sequence s's new token): window [state, new], state shifted. */
    public static Conv causalConv1dStep(ConvInput in, float[] state, int batch) {
        int[] seqStart = new int[batch + 1];
        for (int s = 0; s <= batch; s++) seqStart[s] = s;
        return causalConv1d(in, state, seqStart);
    }

    /** y (rows, out) = x (rows, in) · Wᵀ + bias, W (out, in). */
    public static double[] linear(float[] x, float[] w, float[] bias, int rows, int in, int out) {
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++)
            for (int o = 0; o < out; o++) {
                double acc = bias == null ? 0 : bias[o];
                for (int i = 0; i < in; i++) acc += (double) x[r * in + i] * w[o * in + i];
                y[r * out + o] = acc;
            }
        return y;
    }

    /** Columns [from, from + width) of every row of a (rows, total) block, as a flat (rows, width) array. */
    public static double[] columns(double[] m, int total, int from, int width) {
        int rows = m.length / total;
        double[] out = new double[rows * width];
        for (int r = 0; r < rows; r++) System.arraycopy(m, r * total + from, out, r * width, width);
        return out;
    }
}
