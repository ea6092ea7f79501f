package dev.mamba2j.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mamba2j.ssd.ChunkedSsd;
import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdShape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The ground truth checked against the definition written out by hand, and the head-to-group map. */
class ScanReferenceTest {

    /** Two tokens, one head, one channel, one state: h0 = dt0·x0·B0, h1 = e^(dt1·A)·h0 + dt1·x1·B1. */
    @Test
    void twoTokensByHand() {
        float dt0 = 0.3f, dt1 = 0.7f, a = -1.5f, x0 = 2f, x1 = -1f, b0 = 0.5f, b1 = 3f, c0 = 4f, c1 = -2f;
        float d = 0.25f, z1 = 0.8f, init = 1.5f;
        SsdInputs in = SsdInputs.builder(new SsdShape(1, 2, 1, 1, 1, 1))
                .x(new float[] {x0, x1}).dt(new float[] {dt0, dt1}).A(new float[] {a})
                .B(new float[] {b0, b1}).C(new float[] {c0, c1}).D(new float[] {d})
                .z(new float[] {0f, z1}).initialStates(new float[] {init}).build();

        double h0 = Math.exp((double) dt0 * a) * init + (double) dt0 * x0 * b0;
        double h1 = Math.exp((double) dt1 * a) * h0 + (double) dt1 * x1 * b1;
        double y1 = (h1 * c1 + (double) d * x1) * (z1 / (1 + Math.exp(-(double) z1)));

        ReferenceResult r = new ScanReference().run(in);
        assertEquals(0.0, r.y()[0], 0.0, "silu(0) = 0 gates the first output off");
        assertEquals(y1, r.y()[1], 1e-15);
        assertEquals(h1, r.finalStates()[0], 1e-15);
    }

    /** With 4 heads in 2 groups, heads 2 and 3 read group 1: zero its B and they output nothing. */
    @Test
    void headsReadTheirGroupsBAndC() {
        SsdShape s = new SsdShape(1, 40, 4, 3, 2, 5);
        SsdInputs.Builder builder = new RandomSsdInputs(5).builder(s).chunkSize(16);
        float[] b = builder.build().B().clone();
        for (int t = 0; t < s.seqLen(); t++) {
            Arrays.fill(b, (t * 2 + 1) * 5, (t * 2 + 2) * 5, 0f);
        }
        SsdInputs in = builder.B(b).build();
        double[] scan = new ScanReference().run(in).y();
        double[] quadratic = new QuadraticReference().run(in).y();
        float[] chunked = new ChunkedSsd().forward(in).y();
        for (int t = 0; t < s.seqLen(); t++) {
            for (int h = 0; h < 4; h++) {
                for (int i = 0; i < 3; i++) {
                    int at = (t * 4 + h) * 3 + i;
                    if (h >= 2) {
                        assertEquals(0.0, scan[at], 0.0);
                        assertEquals(0.0, quadratic[at], 0.0);
                        assertEquals(0.0f, chunked[at], 0.0f);
                    } else {
                        assertNotEquals(0.0, scan[at]);
                    }
                }
            }
        }
        assertTrue(RelativeError.of(chunked, scan) < 1e-5);
    }
}
