package dev.mamba2j.verification;

import dev.mamba2j.ssd.device.SelectiveScanInputs;

/**
 * Mamba-1's selective scan as the recurrence that defines it, one token at a time, in double:
 * <pre>  Δ = softplus(delta + delta_bias),  h[n] = exp(Δ·A[c,n])·h[n] + Δ·B[t,n]·u[t,c],
 *   y[t,c] = (Σ_n h[n]·C[t,n] + D[c]·u[t,c])·silu(z[t,c])</pre>
 */
public final class SelectiveScanReference {

    /** y (batch, L, d) and the state after the last token (batch, d, n). */
    public record Result(double[] y, double[] lastState) {}

    private SelectiveScanReference() {}

    public static Result run(SelectiveScanInputs in) {
        int len = in.seqLen(), d = in.channels(), n = in.dState(), groups = in.groups();
        double[] y = new double[in.tokenSize()];
        double[] last = new double[in.stateSize()];
        for (int b = 0; b < in.batch(); b++) {
            for (int c = 0; c < d; c++) {
                int g = in.groupOf(c);
                double[] h = new double[n];
                for (int t = 0; t < len; t++) {
                    int at = (b * len + t) * d + c;
                    int bc = ((b * len + t) * groups + g) * n;
                    double u = in.u()[at];
                    double dt = (double) in.delta()[at] + (in.deltaBias() == null ? 0 : in.deltaBias()[c]);
                    if (in.deltaSoftplus()) dt = dt > 20 ? dt : Math.log1p(Math.exp(dt));
                    double out = 0;
                    for (int s = 0; s < n; s++) {
                        h[s] = Math.exp(dt * in.A()[c * n + s]) * h[s] + dt * in.B()[bc + s] * u;
                        out += h[s] * in.C()[bc + s];
                    }
                    if (in.D() != null) out += in.D()[c] * u;
                    if (in.z() != null) {
                        double z = in.z()[at];
                        out *= z / (1 + Math.exp(-z));
                    }
                    y[at] = out;
                }
                System.arraycopy(h, 0, last, (b * d + c) * n, n);
            }
        }
        return new Result(y, last);
    }
}
