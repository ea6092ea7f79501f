package dev.mamba2j.verification.nn;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;

import dev.mamba2j.kernels.nn.GatedRmsNorm;
import dev.mamba2j.kernels.nn.KernelMath;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.verification.RandomSsdInputs;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gated RMSNorm on every device, against double: z read out of an in_proj-shaped output (row stride,
 * column offset), n_groups 1 (Hugging Face's whole-d norm) and 2, groups smaller and larger than a work-group.
 */
class GatedRmsNormTest {
    static Stream<Arguments> cases() {
        return NnDevices.ids().flatMap(d -> Stream.of(new int[] {1, 24}, new int[] {3, 514}, new int[] {17, 40}, new int[] {100, 80})
                .flatMap(c -> Stream.of(1, 2).map(groups -> Arguments.of(d, c[0], c[1], groups))));
    }

    @ParameterizedTest(name = "{0} rows={1} d={2} n_groups={3}")
    @MethodSource("cases")
    void gatesAndNormalisesEachGroup(String device, int rows, int d, int groups) {
        RandomSsdInputs r = new RandomSsdInputs(rows * 7L + d * 3L + groups);
        int zOffset = 5, zStride = d + 2 * d + 11; // z, then more columns, as in in_proj's output
        float[] y = r.normal((long) rows * d), proj = r.normal((long) rows * zStride), weight = r.uniform(d, 0.5, 1.5);
        float eps = 1e-5f;
        FloatArray fy = FloatArray.fromArray(y), fz = FloatArray.fromArray(proj), fw = FloatArray.fromArray(weight);
        FloatArray out = new FloatArray(rows * d);
        out.init(Float.NaN);
        int groupSize = d / groups;
        NnDevices.run(device, NnDevices.graph(fy, fz, fw, out)
                .task("t", GatedRmsNorm::gatedNorm, new KernelContext(), fy, fz, fw, out, d, groupSize, zStride, zOffset, eps)
                .transferToHost(EVERY_EXECUTION, out), WorkerGrid.of1D(KernelMath.GROUP * rows * groups).setLocalWork(KernelMath.GROUP));
        double[] ref = LayerReference.gatedRmsNorm(y, proj, zStride, zOffset, weight, d, groupSize, eps);
        NnDevices.assertClose(device + " out", out.toHeapArray(), ref, NnDevices.FP32_TOLERANCE);
    }
}
