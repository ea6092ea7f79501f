package dev.mamba2j.tornado.jit.lib;

/**
 * The odd Taylor coefficients of tanh, from tanh' = 1 - tanh^2: (n+1) a(n+1) = -sum a(i) a(n-i),
 * computed once on the host; the kernel code reads them as constants.
 */
final class TanhSeries {
    private static final double[] C = coefficients(19);
    /** (tanh(x) - x) / x^3 = C1 + C2 z + ... + C18 z^17, z = x^2; the next term is below 2^-54 relative at |x| = 0.55. */
    static final double C1 = C[1], C2 = C[2], C3 = C[3], C4 = C[4], C5 = C[5], C6 = C[6], C7 = C[7], C8 = C[8], C9 = C[9],
            C10 = C[10], C11 = C[11], C12 = C[12], C13 = C[13], C14 = C[14], C15 = C[15], C16 = C[16], C17 = C[17], C18 = C[18];

    private TanhSeries() {}

    static double poly(double z) {
        double p = Math.fma(z, C18, C17);
        p = Math.fma(p, z, C16);
        p = Math.fma(p, z, C15);
        p = Math.fma(p, z, C14);
        p = Math.fma(p, z, C13);
        p = Math.fma(p, z, C12);
        p = Math.fma(p, z, C11);
        p = Math.fma(p, z, C10);
        p = Math.fma(p, z, C9);
        p = Math.fma(p, z, C8);
        p = Math.fma(p, z, C7);
        p = Math.fma(p, z, C6);
        p = Math.fma(p, z, C5);
        p = Math.fma(p, z, C4);
        p = Math.fma(p, z, C3);
        p = Math.fma(p, z, C2);
        return Math.fma(p, z, C1);
    }

    /** c[k] = the coefficient of x^(2k+1). */
    private static double[] coefficients(int terms) {
        int top = 2 * terms;
        double[] a = new double[top + 1];
        a[1] = 1;
        for (int n = 2; n < top; n += 2) {
            double sum = 0;
            for (int i = 1; i < n; i++) sum += a[i] * a[n - i];
            a[n + 1] = -sum / (n + 1);
        }
        double[] c = new double[terms];
        for (int k = 0; k < terms; k++) c[k] = a[2 * k + 1];
        return c;
    }
}
