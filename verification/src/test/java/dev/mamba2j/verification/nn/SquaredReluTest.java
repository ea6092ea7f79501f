package dev.mamba2j.verification.nn;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mamba2j.kernels.nn.SquaredRelu;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.verification.RandomSsdInputs;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nemotron-H's MLP activation in place on every device, bit for bit against max(x, 0)² in double rounded to
 * float (exact: the square of a float fits a double). Every input changes under it but 0 and 1, so an
 * element left unwritten shows; NaN, infinities, −0 and an overflowing square are among the inputs.
 */
class SquaredReluTest {
    static final float[] SPECIAL = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 1e30f, -1e30f};

    static Stream<Arguments> cases() {
        return NnDevices.ids().flatMap(d -> Stream.of(6, 63, 1000).map(n -> Arguments.of(d, n)));
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("cases")
    void squaresThePositivePart(String device, int n) {
        float[] in = new RandomSsdInputs(n).normal(n);
        System.arraycopy(SPECIAL, 0, in, 0, Math.min(SPECIAL.length, n));
        FloatArray x = FloatArray.fromArray(in);
        TaskGraph g = NnDevices.graph(x).task("t", SquaredRelu::apply, new KernelContext(), x, n).transferToHost(EVERY_EXECUTION, x);
        NnDevices.run(device, g, WorkerGrid.of1D(n).setLocalWork(64));
        for (int i = 0; i < n; i++) {
            double r = Math.max(in[i], 0.0);
            assertEquals(Float.floatToIntBits((float) (r * r)), Float.floatToIntBits(x.get(i)), device + " element " + i + " of input " + in[i]);
        }
    }
}
