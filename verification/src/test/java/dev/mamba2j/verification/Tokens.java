package dev.mamba2j.verification;

import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdShape;

/** Cutting an input along L, to compare one pass with several shorter ones. */
final class Tokens {

    private Tokens() {}

    /** Tokens [from, to) of every row of a (batch, L, inner...) tensor. */
    static float[] slice(float[] a, int batch, int len, int from, int to) {
        if (a == null) return null;
        int inner = a.length / (batch * len);
        float[] out = new float[batch * (to - from) * inner];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(a, (b * len + from) * inner, out, b * (to - from) * inner, (to - from) * inner);
        }
        return out;
    }

    static double[] slice(double[] a, int batch, int len, int from, int to) {
        int inner = a.length / (batch * len);
        double[] out = new double[batch * (to - from) * inner];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(a, (b * len + from) * inner, out, b * (to - from) * inner, (to - from) * inner);
        }
        return out;
    }

    /**
     * The same problem restricted to tokens [from, to), without sequence boundaries and
     * starting from {@code initialStates} (null for zero).
     */
    static SsdInputs.Builder range(SsdInputs in, int from, int to, float[] initialStates) {
        SsdShape s = in.shape();
        int batch = s.batch(), len = s.seqLen();
        SsdShape part = new SsdShape(batch, to - from, s.heads(), s.headDim(), s.groups(), s.dState());
        SsdInputs.Builder b = SsdInputs.builder(part)
                .x(slice(in.x(), batch, len, from, to))
                .dt(slice(in.dt(), batch, len, from, to))
                .A(in.A())
                .B(slice(in.B(), batch, len, from, to))
                .C(slice(in.C(), batch, len, from, to))
                .z(slice(in.z(), batch, len, from, to))
                .D(in.D()).dtBias(in.dtBias()).dtSoftplus(in.dtSoftplus())
                .initialStates(initialStates)
                .chunkSize(in.chunkSize());
        if (in.hasDtLimit()) {
            b.dtLimit(in.dtMin(), in.dtMax());
        }
        return b;
    }

    /** One state (heads, headdim, d_state) out of a tensor of them. */
    static float[] state(float[] states, int index, SsdShape s) {
        float[] out = new float[s.stateSize()];
        System.arraycopy(states, index * s.stateSize(), out, 0, s.stateSize());
        return out;
    }

    static double[] state(double[] states, int index, SsdShape s) {
        double[] out = new double[s.stateSize()];
        System.arraycopy(states, index * s.stateSize(), out, 0, s.stateSize());
        return out;
    }

    static float[] toFloat(double[] a) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = (float) a[i];
        return out;
    }
}
