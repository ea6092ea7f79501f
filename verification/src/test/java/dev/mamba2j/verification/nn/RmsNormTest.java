package dev.mamba2j.verification.nn;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;

import dev.mamba2j.kernels.nn.KernelMath;
import dev.mamba2j.kernels.nn.RmsNorm;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.verification.RandomSsdInputs;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The block's residual add and RMSNorm on every device, against double: the first block (residual = x)
 * and the later ones (residual += x), rows of fewer and of more features than a work-group has items.
 */
class RmsNormTest {
    static Stream<Arguments> cases() {
        return NnDevices.ids().flatMap(d -> Stream.of(new int[] {1, 24}, new int[] {3, 257}, new int[] {17, 40}, new int[] {100, 600})
                .flatMap(c -> Stream.of(true, false).map(first -> Arguments.of(d, c[0], c[1], first))));
    }

    @ParameterizedTest(name = "{0} rows={1} dim={2} first={3}")
    @MethodSource("cases")
    void addsAndNormalises(String device, int rows, int dim, boolean first) {
        RandomSsdInputs r = new RandomSsdInputs(rows * 31L + dim + (first ? 1 : 0));
        float[] x = r.normal((long) rows * dim), residual = r.normal((long) rows * dim), weight = r.uniform(dim, 0.5, 1.5);
        float eps = 1e-5f;
        FloatArray fx = FloatArray.fromArray(x), fw = FloatArray.fromArray(weight), out = new FloatArray(rows * dim);
        FloatArray res = first ? new FloatArray(rows * dim) : FloatArray.fromArray(residual);
        if (first) res.init(Float.NaN); // written, not read
        out.init(Float.NaN);
        NnDevices.run(device, NnDevices.graph(fx, res, fw, out)
                .task("t", RmsNorm::addNorm, new KernelContext(), fx, res, fw, out, dim, eps, first)
                .transferToHost(EVERY_EXECUTION, res, out), WorkerGrid.of1D(KernelMath.GROUP * rows).setLocalWork(KernelMath.GROUP));
        LayerReference.AddNorm ref = LayerReference.addNorm(x, first ? null : residual, weight, dim, eps);
        NnDevices.assertClose(device + " residual", res.toHeapArray(), ref.residual(), NnDevices.FP32_TOLERANCE);
        NnDevices.assertClose(device + " out", out.toHeapArray(), ref.out(), NnDevices.FP32_TOLERANCE);
    }
}
