package dev.mamba2j.verification;

import dev.mamba2j.ssd.SequenceLayout;
import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdShape;

/**
 * The ground truth: the SSD as the recurrence it is defined by, one token at a time, in double,
 * <pre>  h_t = exp(dt_t·A)·h_{t-1} + dt_t·x_t ⊗ B_t,   y_t = h_t·C_t (+ D·x_t, then ·silu(z_t))</pre>
 */
public final class ScanReference implements SsdReference {

    @Override
    public ReferenceResult run(SsdInputs in) {
        SsdShape s = in.shape();
        int len = s.seqLen(), heads = s.heads(), p = s.headDim(), n = s.dState(), groups = s.groups();
        float[] x = in.x(), b = in.B(), c = in.C(), a = in.A();
        double[] y = new double[Math.toIntExact(s.xSize())];
        double[] finalStates = new double[s.batch() * s.stateSize()];
        double[] sequenceFinal = in.cuSeqlens() == null ? null : new double[in.sequenceCount() * s.stateSize()];

        SequenceLayout sequences = SequenceLayout.of(in);
        for (int q = 0; q < sequences.count(); q++) {
            int row = sequences.row(q);
            for (int h = 0; h < heads; h++) {
                int g = s.groupOf(h);
                double[] init = ReferenceMath.initialState(sequences.initialStates(), sequences.initialState(q), s, h);
                double[] state = init != null ? init : new double[p * n];
                for (int t = sequences.start(q); t < sequences.end(q); t++) {
                    double dt = ReferenceMath.effectiveDt(in, row, t, h);
                    double decay = Math.exp(dt * a[h]);
                    int xOff = ((row * len + t) * heads + h) * p;
                    int bcOff = ((row * len + t) * groups + g) * n;
                    for (int i = 0; i < p; i++) {
                        double out = 0;
                        for (int j = 0; j < n; j++) {
                            double next = decay * state[i * n + j] + dt * x[xOff + i] * b[bcOff + j];
                            state[i * n + j] = next;
                            out += next * c[bcOff + j];
                        }
                        y[xOff + i] = out;
                    }
                    if (t == len - 1) {
                        System.arraycopy(state, 0, finalStates, row * s.stateSize() + h * p * n, p * n);
                    }
                }
                if (sequenceFinal != null) {
                    System.arraycopy(state, 0, sequenceFinal, q * s.stateSize() + h * p * n, p * n);
                }
            }
        }
        ReferenceMath.skipAndGate(in, y);
        return new ReferenceResult(y, finalStates, sequenceFinal);
    }
}
