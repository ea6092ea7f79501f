package dev.mamba2j.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mamba2j.ssd.device.RotaryEmbedding;
import org.junit.jupiter.api.Test;

/** Properties the attention reference must have, checked without another implementation. */
class AttentionReferenceTest {

    @Test
    void equalKeysAverageTheValuesSeenSoFar() {
        int len = 6, d = 4;
        RandomSsdInputs r = new RandomSsdInputs(1);
        float[] q = r.normal(len * d), v = r.normal(len * d), k = new float[len * d];
        for (int i = 0; i < k.length; i++) k[i] = 0.5f * (i % d);
        double[] o = AttentionReference.run(q, k, v, 1, len, 1, d);
        for (int i = 0; i < len; i++) {
            for (int e = 0; e < d; e++) {
                double mean = 0;
                for (int j = 0; j <= i; j++) mean += v[j * d + e] / (i + 1.0);
                assertEquals(mean, o[i * d + e], 1e-12, "query " + i + " dim " + e);
            }
        }
    }

    /** Rotary embedding's point: q·k after rotation depends on the positions only through m − n. */
    @Test
    void rotatedScoresDependOnRelativePositionOnly() {
        for (boolean interleaved : new boolean[] {false, true}) {
            int len = 9, d = 8;
            RotaryEmbedding rot = new RotaryEmbedding(6, 100, interleaved, 3);
            RandomSsdInputs r = new RandomSsdInputs(2);
            float[] q1 = r.normal(d), k1 = r.normal(d), q = new float[len * d], k = new float[len * d];
            for (int t = 0; t < len; t++) {
                System.arraycopy(q1, 0, q, t * d, d);
                System.arraycopy(k1, 0, k, t * d, d);
            }
            double[] rq = AttentionReference.rotate(q, len, 1, d, rot), rk = AttentionReference.rotate(k, len, 1, d, rot);
            for (int m = 0; m + 2 < len; m++) {
                for (int n = 0; n + 2 < len; n++) {
                    assertEquals(dot(rq, m, rk, n, d), dot(rq, m + 2, rk, n + 2, d), 1e-9, "m=" + m + " n=" + n);
                }
            }
            assertEquals(dot(rq, 4, rq, 4, d), dot(widen(q1), 0, widen(q1), 0, d), 1e-9, "a rotation keeps the norm");
            assertEquals(q1[7], rq[4 * d + 7], 0, "dimensions past rotary_dim pass through");
        }
    }

    private static double dot(double[] a, int i, double[] b, int j, int d) {
        double s = 0;
        for (int e = 0; e < d; e++) s += a[i * d + e] * b[j * d + e];
        return s;
    }

    private static double[] widen(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }
}
