package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static dev.mamba2j.tornado.conformance.ElementwiseConformanceTest.DEVICES;

/**
 * The loop-parallel style on every device: each kernel of {@link ParallelKernels} against the same
 * method run as plain Java, outputs poisoned first. Without withGrid the grid comes from the loops.
 */
class ParallelLoopConformanceTest {

    /** Runs the one-task graph (graph "t", task "k") once; {@code grid} null takes the grid from the loops. */
    static void run(String device, TaskGraph graph, WorkerGrid grid) {
        try (ExecutionPlan plan = new ExecutionPlan(graph.snapshot()).withDevice(device)) {
            if (grid != null) plan.withGrid("t.k", grid);
            plan.execute();
        }
    }

    private static float[] floats(int n, long seed, float scale) {
        Random rnd = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (rnd.nextFloat() - 0.5f) * scale;
        return v;
    }

    private static int[] copy(IntArray a) { return a.toHeapArray(); }

    @ParameterizedTest @MethodSource(DEVICES)
    void elementwiseAddWithTheBoundFromGetSize(String device) {
        int n = 1000;
        FloatArray a = FloatArray.fromArray(floats(n, 1, 100)), b = FloatArray.fromArray(floats(n, 2, 100)), c = new FloatArray(n);
        FloatArray expected = new FloatArray(n);
        ParallelKernels.add(a, b, expected);
        Check.poison(c);
        run(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b).task("k", ParallelKernels::add, a, b, c)
                .transferToHost(EVERY_EXECUTION, c), null);
        Check.floats("add", expected.toHeapArray(), c, 0);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void everyIterationRunsExactlyOnce(String device) {
        int n = 333;
        int[] start = new int[n];
        for (int i = 0; i < n; i++) start[i] = i * 3;
        for (WorkerGrid grid : new WorkerGrid[] {null, WorkerGrid.of1D(n + 50).setLocalWork(16)}) {
            IntArray a = IntArray.fromArray(start);
            run(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a).task("k", ParallelKernels::incrementEach, a)
                    .transferToHost(EVERY_EXECUTION, a), grid);
            int[] expected = new int[n];
            for (int i = 0; i < n; i++) expected[i] = start[i] + 1;
            Check.ints("incrementEach, grid " + grid, expected, a);
        }
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void intArithmeticAsJava(String device) {
        int n = 300;
        Random rnd = new Random(3);
        int[] x = new int[n], y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextInt();
            y[i] = i % 5 == 0 ? 31 + i % 40 : rnd.nextInt();
            if (y[i] == 0 || (x[i] == Integer.MIN_VALUE && y[i] == -1)) y[i] = 7;
        }
        IntArray a = IntArray.fromArray(x), b = IntArray.fromArray(y), out = new IntArray(n * ConformanceKernels.INT_OPS);
        IntArray expected = new IntArray(out.getSize());
        ParallelKernels.intOps(a, b, expected, n);
        Check.poison(out);
        run(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b).task("k", ParallelKernels::intOps, a, b, out, n)
                .transferToHost(EVERY_EXECUTION, out), null);
        Check.ints("intOps", copy(expected), out);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void floatArithmeticAsJava(String device) {
        int n = 500;
        FloatArray a = FloatArray.fromArray(floats(n, 4, 50)), b = FloatArray.fromArray(floats(n, 5, 50)), out = new FloatArray(4 * n);
        FloatArray expected = new FloatArray(4 * n);
        ParallelKernels.floatOps(a, b, expected, n);
        Check.poison(out);
        run(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b).task("k", ParallelKernels::floatOps, a, b, out, n)
                .transferToHost(EVERY_EXECUTION, out), null);
        for (int i = 0; i < 4 * n; i++)
            Check.floatAt("floatOps element " + i, expected.get(i), out.get(i), i % 4 == 0 || i % 4 == 3 ? 0 : 3);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void matrixProductIn2DWithASequentialInnerLoop(String device) {
        int m = 37, n = 29, k = 19;
        Random rnd = new Random(8);
        float[] x = new float[m * k], y = new float[k * n];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextInt(9) - 4;
        for (int i = 0; i < y.length; i++) y[i] = rnd.nextInt(9) - 4;
        FloatArray a = FloatArray.fromArray(x), b = FloatArray.fromArray(y), c = new FloatArray(m * n), expected = new FloatArray(m * n);
        ParallelKernels.matmul(a, b, expected, m, n, k);
        Check.poison(c);
        run(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b).task("k", ParallelKernels::matmul, a, b, c, m, n, k)
                .transferToHost(EVERY_EXECUTION, c), null);
        Check.floats("matmul (small integers, exact)", expected.toHeapArray(), c, 0);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void transposeIn2DWithAGivenGrid(String device) {
        int rows = 45, cols = 70;
        FloatArray in = FloatArray.fromArray(floats(rows * cols, 9, 10)), out = new FloatArray(rows * cols), expected = new FloatArray(rows * cols);
        ParallelKernels.transpose(in, expected, rows, cols);
        for (WorkerGrid grid : new WorkerGrid[] {null, WorkerGrid.of2D(cols, rows).setLocalWork(16, 4), WorkerGrid.of2D(cols + 9, rows + 3)}) {
            Check.poison(out);
            run(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in).task("k", ParallelKernels::transpose, in, out, rows, cols)
                    .transferToHost(EVERY_EXECUTION, out), grid);
            Check.floats("transpose, grid " + grid, expected.toHeapArray(), out, 0);
        }
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void threeNestedLoops(String device) {
        int w = 9, h = 5, d = 3;
        IntArray out = new IntArray(w * h * d), expected = new IntArray(w * h * d);
        ParallelKernels.ids3D(expected, w, h, d);
        Check.poison(out);
        run(device, new TaskGraph("t").task("k", ParallelKernels::ids3D, out, w, h, d).transferToHost(EVERY_EXECUTION, out), null);
        Check.ints("ids3D", copy(expected), out);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void startAndStepFromParameters(String device) {
        int n = 300;
        FloatArray in = FloatArray.fromArray(floats(n, 10, 20)), out = new FloatArray(n), expected = new FloatArray(n);
        for (int[] s : new int[][] {{0, 1, n}, {7, 3, n}, {5, 11, n - 2}, {10, 1, 10}, {40, 5, 20}}) {
            Check.poison(out);
            Check.poison(expected);
            ParallelKernels.strided(in, expected, s[0], s[1], s[2]);
            run(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in, out).task("k", ParallelKernels::strided, in, out, s[0], s[1], s[2])
                    .transferToHost(EVERY_EXECUTION, out), null);
            Check.floats("strided start " + s[0] + " step " + s[1] + " end " + s[2] + " (untouched elements stay NaN)", expected.toHeapArray(), out, 0);
        }
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void constantStartAndStepWithAnInclusiveBound(String device) {
        for (int n : new int[] {100, 101, 4}) {
            IntArray out = new IntArray(n), expected = new IntArray(n);
            Check.poison(out);
            Check.poison(expected);
            ParallelKernels.inclusiveStep(expected, n);
            run(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, out).task("k", ParallelKernels::inclusiveStep, out, n)
                    .transferToHost(EVERY_EXECUTION, out), null);
            Check.ints("inclusiveStep n " + n, copy(expected), out);
        }
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void sequentialLoopInsideTheParallelLoop(String device) {
        int rows = 77, cols = 13;
        Random rnd = new Random(12);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextInt(7) - 3;
        FloatArray in = FloatArray.fromArray(v), out = new FloatArray(rows), expected = new FloatArray(rows);
        ParallelKernels.rowSums(in, expected, cols);
        Check.poison(out);
        run(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in).task("k", ParallelKernels::rowSums, in, out, cols)
                .transferToHost(EVERY_EXECUTION, out), null);
        Check.floats("rowSums (small integers, exact)", expected.toHeapArray(), out, 0);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void workItemsPastTheLastIterationDoNotWrapAroundNearIntMax(String device) {
        int base = Integer.MAX_VALUE - 100, step = 7, limit = Integer.MAX_VALUE - 10, trips = 13;
        // 32 work-items; one computing i in int would wrap at id 15 and write element 15, which must stay poisoned
        IntArray out = new IntArray(32), expected = new IntArray(32);
        Check.poison(out);
        Check.poison(expected);
        ParallelKernels.nearIntMax(expected, base, step, limit);
        run(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, out).task("k", ParallelKernels::nearIntMax, out, base, step, limit)
                .transferToHost(EVERY_EXECUTION, out), WorkerGrid.of1D(trips).setLocalWork(32));
        Check.ints("nearIntMax (" + trips + " iterations)", copy(expected), out);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void aBoundTheHostCannotEvaluateRunsWithAGivenGrid(String device) {
        IntArray sizes = IntArray.fromArray(new int[] {50}), out = new IntArray(64), expected = new IntArray(64);
        Check.poison(out);
        Check.poison(expected);
        ParallelKernels.boundFromData(sizes, expected);
        run(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, sizes, out).task("k", ParallelKernels::boundFromData, sizes, out)
                .transferToHost(EVERY_EXECUTION, out), WorkerGrid.of1D(64));
        Check.ints("boundFromData (elements from 50 on stay poisoned)", copy(expected), out);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void triangularNestWithAGivenGrid(String device) {
        int n = 23;
        IntArray out = new IntArray(n * n), expected = new IntArray(n * n);
        Check.poison(out);
        Check.poison(expected);
        ParallelKernels.upperTriangle(expected, n);
        run(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, out).task("k", ParallelKernels::upperTriangle, out, n)
                .transferToHost(EVERY_EXECUTION, out), WorkerGrid.of2D(n, n));
        Check.ints("upperTriangle (below the diagonal stays poisoned)", copy(expected), out);
    }
}
