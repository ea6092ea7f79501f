package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.IntArray;
import dev.mamba2j.tornado.testing.Unchecked;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static dev.mamba2j.tornado.conformance.Conformance.runOnce;
import static dev.mamba2j.tornado.conformance.ElementwiseConformanceTest.DEVICES;

/**
 * Barriers after a loop and after an if that the work-items of a group take differently, before tails
 * that only return, each work-item then reading what a neighbour wrote before the barrier. Run as users
 * run kernels, unchecked: checked mode's error reports make the if's tail too long to be copied per
 * arm, which hid that case from the suites.
 */
@ExtendWith(Unchecked.class)
class DivergentBarrierConformanceTest {

    @ParameterizedTest @MethodSource(DEVICES)
    void barriersAfterDivergentFlowMatchJava(String device) {
        int n = 1000;
        int[] v = new int[n];
        Random rnd = new Random(50);
        for (int i = 0; i < n; i++) v[i] = rnd.nextInt(2001) - 1000;
        IntArray in = IntArray.fromArray(v), afterLoop = new IntArray(n), afterIf = new IntArray(2 * n);
        Check.poison(afterLoop);
        Check.poison(afterIf);
        WorkerGrid grid = WorkerGrid.of1D(n).setLocalWork(ConformanceKernels.GROUP);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in, afterLoop)
                .task("k", ConformanceKernels::barrierAfterDivergentLoop, new KernelContext(), in, afterLoop, n)
                .transferToHost(EVERY_EXECUTION, afterLoop), grid);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in, afterIf)
                .task("k", ConformanceKernels::barrierAfterDivergentIf, new KernelContext(), in, afterIf, n)
                .transferToHost(EVERY_EXECUTION, afterIf), grid);
        int[] expectedLoop = new int[n], expectedIf = new int[2 * n];
        for (int i = 0; i < n; i++) {
            int g = ConformanceKernels.GROUP, j = i / g * g + (i % g + 24) % g; // the neighbour read
            int x = j < n ? v[j] : 0, acc = x;
            for (int k = 0; k < (x & 7); k++) acc = acc * 3 + k;
            expectedLoop[i] = acc;
            expectedIf[2 * i] = x * 5 + 1;
            expectedIf[2 * i + 1] = v[i] % 3 == 1 ? v[i] : Check.POISON_INT;
        }
        Check.ints("barrierAfterDivergentLoop", expectedLoop, afterLoop);
        Check.ints("barrierAfterDivergentIf", expectedIf, afterIf);
    }
}
