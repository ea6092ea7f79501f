package dev.mamba2j.verification;

import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdShape;

/** The per-token parts of the SSD that both references share, in double precision. */
final class ReferenceMath {

    private ReferenceMath() {}

    /** dt after bias, softplus and limit, for row b, token t, head h. */
    static double effectiveDt(SsdInputs in, int b, int t, int h) {
        SsdShape s = in.shape();
        double v = in.dt()[(b * s.seqLen() + t) * s.heads() + h];
        if (in.dtBias() != null) {
            v += in.dtBias()[h];
        }
        if (in.dtSoftplus()) {
            v = v > 20 ? v : Math.log1p(Math.exp(v));
        }
        if (in.hasDtLimit()) {
            v = Math.min(Math.max(v, in.dtMin()), in.dtMax());
        }
        return v;
    }

    /** The initial state of head h of a sequence, or null when it starts from zero. */
    static double[] initialState(float[] states, int index, SsdShape s, int h) {
        if (index < 0) {
            return null;
        }
        int size = s.headDim() * s.dState();
        double[] state = new double[size];
        int from = index * s.stateSize() + h * size;
        for (int i = 0; i < size; i++) {
            state[i] = states[from + i];
        }
        return state;
    }

    /** y += D·x, then y *= silu(z), over the whole output. */
    static void skipAndGate(SsdInputs in, double[] y) {
        SsdShape s = in.shape();
        int p = s.headDim();
        float[] x = in.x(), d = in.D(), z = in.z();
        for (int i = 0; i < y.length; i++) {
            int h = (i / p) % s.heads();
            if (d != null) {
                y[i] += (in.dPerChannel() ? d[h * p + i % p] : d[h]) * (double) x[i];
            }
            if (z != null) {
                double zi = z[i];
                y[i] *= zi / (1 + Math.exp(-zi));
            }
        }
    }
}
