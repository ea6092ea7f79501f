package dev.mamba2j.verification;

import dev.mamba2j.ssd.SequenceLayout;
import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdShape;

/**
 * The SSD in its quadratic (structured masked attention) form, in double: per sequence and head,
 * <pre>  Y = (L ∘ C·Bᵀ) · (dt ∘ X) + diag(exp(cum)) · C · h0ᵀ</pre>
 * where {@code cum[t] = dt_0·A + ... + dt_t·A} within the sequence and L is the
 * 1-semiseparable mask {@code L[t][s] = exp(cum[t] - cum[s])} for {@code s <= t}, else 0.
 * The final state is the last row of the same mask applied to the inputs:
 * {@code h_end = Σ_s L[end][s]·dt_s·x_s ⊗ B_s + exp(cum[end])·h0}.
 */
public final class QuadraticReference implements SsdReference {

    @Override
    public ReferenceResult run(SsdInputs in) {
        SsdShape s = in.shape();
        double[] y = new double[Math.toIntExact(s.xSize())];
        double[] finalStates = new double[s.batch() * s.stateSize()];
        double[] sequenceFinal = in.cuSeqlens() == null ? null : new double[in.sequenceCount() * s.stateSize()];

        SequenceLayout sequences = SequenceLayout.of(in);
        for (int q = 0; q < sequences.count(); q++) {
            for (int h = 0; h < s.heads(); h++) {
                double[] h0 = ReferenceMath.initialState(sequences.initialStates(), sequences.initialState(q), s, h);
                double[] last = sequence(in, sequences.row(q), sequences.start(q), sequences.end(q), h, h0, y);
                int size = s.headDim() * s.dState();
                if (sequenceFinal != null) {
                    System.arraycopy(last, 0, sequenceFinal, q * s.stateSize() + h * size, size);
                }
                if (sequences.end(q) == s.seqLen() && sequences.end(q) > sequences.start(q)) {
                    System.arraycopy(last, 0, finalStates, sequences.row(q) * s.stateSize() + h * size, size);
                }
            }
        }
        ReferenceMath.skipAndGate(in, y);
        return new ReferenceResult(y, finalStates, sequenceFinal);
    }

    /** Writes y for tokens [from, to) of one row and head; returns the state after the last one. */
    private static double[] sequence(SsdInputs in, int row, int from, int to, int h, double[] h0, double[] y) {
        SsdShape s = in.shape();
        int len = to - from, p = s.headDim(), n = s.dState();
        double[][] x = new double[len][p], b = new double[len][n], c = new double[len][n];
        double[] dt = new double[len], cum = new double[len];
        double sum = 0;
        for (int t = 0; t < len; t++) {
            int pos = row * s.seqLen() + from + t;
            dt[t] = ReferenceMath.effectiveDt(in, row, from + t, h);
            sum += dt[t] * in.A()[h];
            cum[t] = sum;
            for (int i = 0; i < p; i++) x[t][i] = in.x()[(pos * s.heads() + h) * p + i];
            for (int j = 0; j < n; j++) {
                b[t][j] = in.B()[(pos * s.groups() + s.groupOf(h)) * n + j];
                c[t][j] = in.C()[(pos * s.groups() + s.groupOf(h)) * n + j];
            }
        }

        // M = L ∘ (C·Bᵀ), lower triangular
        double[][] m = new double[len][len];
        for (int t = 0; t < len; t++) {
            for (int u = 0; u <= t; u++) {
                m[t][u] = Math.exp(cum[t] - cum[u]) * dot(c[t], b[u]);
            }
        }
        for (int t = 0; t < len; t++) {
            int out = ((row * s.seqLen() + from + t) * s.heads() + h) * p;
            double fromState = Math.exp(cum[t]);
            for (int i = 0; i < p; i++) {
                double v = 0;
                for (int u = 0; u <= t; u++) {
                    v += m[t][u] * dt[u] * x[u][i];
                }
                if (h0 != null) {
                    v += fromState * dot(h0, i * n, c[t]);
                }
                y[out + i] = v;
            }
        }

        double[] state = new double[p * n];
        if (len == 0) {
            return h0 != null ? h0 : state;
        }
        for (int u = 0; u < len; u++) {
            double w = Math.exp(cum[len - 1] - cum[u]) * dt[u];
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < n; j++) {
                    state[i * n + j] += w * x[u][i] * b[u][j];
                }
            }
        }
        if (h0 != null) {
            double decay = Math.exp(cum[len - 1]);
            for (int i = 0; i < p * n; i++) {
                state[i] += decay * h0[i];
            }
        }
        return state;
    }

    private static double dot(double[] u, double[] v) {
        return dot(u, 0, v);
    }

    /** u[off .. off+v.length) · v */
    private static double dot(double[] u, int off, double[] v) {
        double sum = 0;
        for (int j = 0; j < v.length; j++) {
            sum += u[off + j] * v[j];
        }
        return sum;
    }
}
