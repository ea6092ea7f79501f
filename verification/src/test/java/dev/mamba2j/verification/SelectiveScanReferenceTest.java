package dev.mamba2j.verification;

import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdShape;
import dev.mamba2j.ssd.device.SelectiveScanInputs;
import org.junit.jupiter.api.Test;

/**
 * The Mamba-1 reference against the Mamba-2 one where the two models coincide: a channel is a
 * head of head dimension 1, and A[c, n] is the head's A for every n.
 */
class SelectiveScanReferenceTest {

    @Test
    void agreesWithTheSsdScanWhenAIsTheSameForEveryState() {
        int batch = 2, len = 40, d = 6, n = 5, groups = 3;
        ScanCase c = ScanCase.of(7, batch, len, d, n, groups, new ScanCase.Options(true, true, true, true));
        SelectiveScanInputs m1 = c.inputs();
        float[] headA = new RandomSsdInputs(8).uniform(d, -8, -0.5);
        float[] a = new float[d * n];
        for (int i = 0; i < a.length; i++) a[i] = headA[i / n];
        m1 = new SelectiveScanInputs(batch, len, d, n, groups, m1.u(), m1.delta(), a, m1.B(), m1.C(), m1.D(), m1.z(),
                m1.deltaBias(), true);

        SsdInputs m2 = SsdInputs.builder(new SsdShape(batch, len, d, 1, groups, n))
                .x(m1.u()).dt(m1.delta()).A(headA).B(m1.B()).C(m1.C()).D(m1.D()).z(m1.z())
                .dtBias(m1.deltaBias()).dtSoftplus(true).build();

        SelectiveScanReference.Result one = SelectiveScanReference.run(m1);
        ReferenceResult two = new ScanReference().run(m2);
        SsdAgreementTest.assertClose(c, "y", RelativeError.of(one.y(), two.y()), 1e-12);
        SsdAgreementTest.assertClose(c, "last state", RelativeError.of(one.lastState(), two.finalStates()), 1e-12);
    }
}
