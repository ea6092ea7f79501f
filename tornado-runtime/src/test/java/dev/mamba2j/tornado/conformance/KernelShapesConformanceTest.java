package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static dev.mamba2j.tornado.conformance.Conformance.grid1D;
import static dev.mamba2j.tornado.conformance.Conformance.runOnce;
import static dev.mamba2j.tornado.conformance.ElementwiseConformanceTest.DEVICES;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Control flow, static helpers, many parameters, local memory with barriers, and 1D/2D/3D grids
 * whose global sizes are not multiples of the work-group size (launches round them up; kernels guard).
 */
class KernelShapesConformanceTest {

    @ParameterizedTest @MethodSource(DEVICES)
    void controlFlowMatchesJava(String device) {
        int n = 260;
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = i % 37 == 5 ? -i : i * 7 % 211;
        IntArray in = IntArray.fromArray(v), out = new IntArray(n);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in)
                .task("k", ConformanceKernels::controlFlow, new KernelContext(), in, out, n)
                .transferToHost(EVERY_EXECUTION, out), grid1D(n));
        int[] expected = new int[n];
        for (int i = 0; i < n; i++) expected[i] = controlFlowInJava(v[i]);
        Check.ints("controlFlow", expected, out);
    }

    /** Early returns inside one arm of a test whose arms meet again (the SPIR-V structurer's hard case). */
    @ParameterizedTest @MethodSource(DEVICES)
    void earlyReturnsMatchJava(String device) {
        int n = 200;
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = i * 37 % 101 - 30;
        IntArray in = IntArray.fromArray(v), shortTail = new IntArray(n), loopTail = new IntArray(n);
        Check.poison(shortTail);
        Check.poison(loopTail);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in, shortTail)
                .task("k", ConformanceKernels::earlyReturnShortTail, new KernelContext(), in, shortTail, n)
                .transferToHost(EVERY_EXECUTION, shortTail), grid1D(n));
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in, loopTail)
                .task("k", ConformanceKernels::earlyReturnLoopTail, new KernelContext(), in, loopTail, n)
                .transferToHost(EVERY_EXECUTION, loopTail), grid1D(n));
        int[] expectedShort = new int[n], expectedLoop = new int[n];
        for (int i = 0; i < n; i++) {
            int x = v[i];
            if (x % 3 != 0 && x % 5 == 0) {
                expectedShort[i] = expectedLoop[i] = Check.POISON_INT;
                continue;
            }
            x = x % 3 == 0 ? x * 7 : x + 11;
            expectedShort[i] = x;
            int acc = x;
            for (int k = 0; k < x % 9; k++) acc = acc * 31 + k;
            expectedLoop[i] = acc;
        }
        Check.ints("earlyReturnShortTail", expectedShort, shortTail);
        Check.ints("earlyReturnLoopTail", expectedLoop, loopTail);
    }

    /** Long mixed chains of && and || (the SPIR-V structurer's other hard case): in ?:, in a loop, before returns. */
    @ParameterizedTest @MethodSource(DEVICES)
    void shortCircuitChainsMatchJava(String device) {
        int n = 300;
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = i * 53 % 157 - 60;
        IntArray in = IntArray.fromArray(v), out = new IntArray(n);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in, out)
                .task("k", ConformanceKernels::shortCircuitChains, new KernelContext(), in, out, n)
                .transferToHost(EVERY_EXECUTION, out), grid1D(n));
        int[] expected = new int[n];
        for (int i = 0; i < n; i++) expected[i] = shortCircuitChainsInJava(v[i]);
        Check.ints("shortCircuitChains", expected, out);
    }

    /** An if of a double % and a crossing chain before a barrier: structured for Vulkan, and as Java on every device. */
    @ParameterizedTest @MethodSource(DEVICES)
    void remainderOrChainBeforeBarrierMatchesJava(String device) {
        int n = 256;
        java.util.Random rnd = new java.util.Random();
        int[] bc = {-1, 64, 1, 0, -5, 2, -1, 64};
        int[] iv = new int[2 * n];
        float[] fv = new float[n];
        for (int i = 0; i < n; i++) {
            iv[2 * i] = bc[rnd.nextInt(bc.length)];
            iv[2 * i + 1] = rnd.nextInt(3) - 1;
            fv[i] = rnd.nextFloat() * 22f - 2f;
        }
        IntArray ints = IntArray.fromArray(iv), marks = new IntArray(n), out = new IntArray(n);
        FloatArray floats = FloatArray.fromArray(fv);
        Check.poison(marks);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, ints, floats, marks, out)
                .task("k", ConformanceKernels::remainderOrChainBeforeBarrier, new KernelContext(), ints, floats, marks, out)
                .transferToHost(EVERY_EXECUTION, marks, out), WorkerGrid.of1D(n).setLocalWork(64));
        int[] expectedMarks = new int[n], expectedOut = new int[n], loc = new int[n];
        for (int i = 0; i < n; i++) {
            int b = iv[2 * i], c = iv[2 * i + 1];
            double d = fv[i];
            expectedMarks[i] = Check.POISON_INT;
            if (d > 3) d = d % 7.0;
            else if ((b > 0 && c > 0) || (c < 0 && (b == -1 || b == 64))) expectedMarks[i] = 5;
            loc[i] = (int) (d * 100);
        }
        for (int i = 0; i < n; i++) expectedOut[i] = loc[i / 64 * 64 + (i % 64 + 16 & 63)];
        Check.ints("remainderOrChainBeforeBarrier marks", expectedMarks, marks);
        Check.ints("remainderOrChainBeforeBarrier out", expectedOut, out);
    }

    /** A return deep in an || chain before a long tail: structured for Vulkan, and as Java on every device. */
    @ParameterizedTest @MethodSource(DEVICES)
    void returnInNestedChainBeforeLongTailMatchesJava(String device) {
        int n = 128;
        Random rnd = new Random();
        int[] iv = new int[3 * n];
        float[] fv = new float[n];
        for (int i = 0; i < n; i++) {
            int a = rnd.nextInt(5) - 2;
            iv[3 * i] = a;
            iv[3 * i + 1] = rnd.nextBoolean() ? a : rnd.nextInt();
            iv[3 * i + 2] = rnd.nextBoolean() ? 0 : rnd.nextInt();
            fv[i] = rnd.nextInt(3) == 0 ? Float.NaN : rnd.nextFloat() * 8f - 4f;
        }
        IntArray ints = IntArray.fromArray(iv), out = new IntArray(8 * n);
        FloatArray floats = FloatArray.fromArray(fv);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, ints, floats, out)
                .task("k", ConformanceKernels::returnInNestedChainBeforeLongTail, new KernelContext(), ints, floats, out)
                .transferToHost(EVERY_EXECUTION, out), WorkerGrid.of1D(n).setLocalWork(64));
        int[] expected = new int[8 * n];
        java.util.Arrays.fill(expected, Check.POISON_INT);
        for (int i = 0; i < n; i++) {
            int a = iv[3 * i], b = iv[3 * i + 1];
            long l = ((long) iv[3 * i + 2] << 32) | (a & 0xffffffffL);
            float f = fv[i];
            if (f != f) {
                if (-f != Float.intBitsToFloat(a & 0x7f7fffff | 0x00800000)) {
                    if (b != a || 2654435761L < l) continue;
                }
                expected[8 * i + 7] = 11;
            }
            float t = Math.min(2.1474836E9f - Float.intBitsToFloat(b & 0x7f7fffff | 0x00800000), Math.max(Math.abs(0.0f), f));
            expected[8 * i] = t != t ? 0x7fc00000 : Float.floatToRawIntBits(t);
            float u = Math.max(Math.min(f, 3.5f) * 0.25f, Math.min(-f, Float.intBitsToFloat(a & 0x7f7fffff | 0x00800000)));
            expected[8 * i + 3] = u != u ? 0x7fc00000 : Float.floatToRawIntBits(u);
            long m = l & 0xff00ff00ff00L;
            expected[8 * i + 1] = (int) m;
            expected[8 * i + 2] = (int) (m >>> 32);
            expected[8 * i + 4] = 1;
        }
        Check.ints("returnInNestedChainBeforeLongTail", expected, out);
    }

    /** shortCircuitChains's body for one element, written again as plain Java (the poison where it returns early). */
    private static int shortCircuitChainsInJava(int a) {
        int b = a % 7, c = a % 11, d = a / 3;
        int r = (!((b != c) && ((a == 5) || (d <= c))) && (((b < c) && (((b >= 3) && (c != 4)) && (d != a))) && (a != 9))
                || (c <= 2) || ((a > 32) && ((b > 1) && (c < 10))) || ((d <= 40) && (a >= -17))) ? 64 : -3;
        int acc = 0;
        for (int k = 0; k < 12; k++) {
            if ((k == b || (k > c && k < d)) && !(k == 3 || (a < 0 && k > 5))) continue;
            if (((acc > 200 && k > 2) || (k == c && b > 4)) && (d < 30 || (a % 2 == 0 && k > 7))) break;
            acc += ((k < b && (c > 3 || d < 9)) || (k > 8 && a % 3 != 0) || acc == 7) ? k * 3 + 1 : 2;
        }
        if (!(b > 3 || c > 8) && (d > 5 || (a % 4 == 1 && (c == 2 || b == 0)))) return Check.POISON_INT;
        if ((b == 2 && (c > 5 || d < 0)) || (a < -20 && c != 0) || (b == 6 && c == 6 && d > 10)) return r + 1000 + acc;
        return r - acc * 1000;
    }

    /** The kernel's body, written again as plain Java. */
    private static int controlFlowInJava(int v) {
        if (v < 0) return -1;
        int acc = 0;
        outer:
        for (int a = 0; a < 8; a++) {
            if (a == v % 5) continue;
            for (int b = 0; b <= a; b++) {
                if ((a + b + v) % 7 == 0) continue outer;
                acc += a * b + v;
            }
            if (acc > 1000) break;
        }
        int w = 0;
        while (w < v % 13) w += 3;
        int steps = 1;
        while (steps * steps < v % 50) steps++;
        boolean p = v % 2 == 0, q = v % 3 == 0, r = v > 40;
        int t = p && !q ? 1 : (p || q) ? 2 : (q != r) ? 3 : 4;
        return acc * 1_000_000 + t * 100_000 + w * 100 + steps;
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void maskedRowsMatchJava(String device) {
        int m = 150, n = 4 * m - 77;
        float[] x = new float[n];
        Random rnd = new Random(11);
        for (int i = 0; i < n; i++) x[i] = rnd.nextFloat() * 8f - 4f;
        FloatArray in = FloatArray.fromArray(x), out = new FloatArray(4 * m);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in)
                .task("k", ConformanceKernels::maskedRows, new KernelContext(), in, out, n, m)
                .transferToHost(EVERY_EXECUTION, out), grid1D(m));
        float[] expected = new float[4 * m];
        for (int i = 0; i < m; i++)
            for (int r = 0; r < 4; r++) {
                int j = i + r * m;
                float a = x[Math.min(j, n - 1)];
                float v = j < n && j % 3 != 0 ? a * 2f + 1f : -0f;
                if (j % 5 == 0) v = v * v - a;
                expected[i * 4 + r] = j % 7 == 0 ? v : v * 0.5f;
            }
        Check.floats("maskedRows", expected, out, 0);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void staticHelpersAreCalled(String device) {
        int n = 100;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = i * 0.37f - 11f;
        FloatArray in = FloatArray.fromArray(x), out = new FloatArray(n);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in)
                .task("k", ConformanceKernels::helpers, new KernelContext(), in, out, n)
                .transferToHost(EVERY_EXECUTION, out), grid1D(n));
        float[] expected = new float[n];
        for (int i = 0; i < n; i++) expected[i] = (x[i] * x[i] * 0.5f + 3.0f * x[i] - 1.0f) + x[Math.max(0, i - 1)];
        Check.floats("helpers", expected, out, 0);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void twelveParametersOfEveryKind(String device) {
        int n = 70;
        Random rnd = new Random(6);
        float[] x = new float[n], y = new float[n], z = new float[n];
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextInt(100);
            y[i] = rnd.nextInt(100);
            z[i] = rnd.nextInt(100);
            w[i] = rnd.nextInt(100) - 50;
        }
        FloatArray a = FloatArray.fromArray(x), b = FloatArray.fromArray(y), c = FloatArray.fromArray(z), out = new FloatArray(n);
        IntArray d = IntArray.fromArray(w);
        for (boolean flag : new boolean[] {true, false}) {
            Check.poison(out);
            runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b, c, d)
                    .task("k", ConformanceKernels::twelve, new KernelContext(), a, b, c, d, out, n, 2f, -3f, 5, 123_456_789_012L, flag)
                    .transferToHost(EVERY_EXECUTION, out), grid1D(n));
            float[] expected = new float[n];
            for (int i = 0; i < n; i++) {
                float v = x[i] * 2f + y[i] * -3f - z[i] + w[i] * 5;
                expected[i] = flag ? v + (float) (123_456_789_012L % 1000L) : v;
            }
            Check.floats("twelve(flag=" + flag + ")", expected, out, 0);
        }
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void workGroupReductionInLocalMemory(String device) {
        int n = 1000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (i * 31) % 17 - 8;
        int groups = (n + ConformanceKernels.GROUP - 1) / ConformanceKernels.GROUP;
        FloatArray in = FloatArray.fromArray(x), out = new FloatArray(groups);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in)
                .task("k", ConformanceKernels::groupSum, new KernelContext(), in, out, n)
                .transferToHost(EVERY_EXECUTION, out), WorkerGrid.of1D(n).setLocalWork(ConformanceKernels.GROUP));
        float[] expected = new float[groups];
        for (int i = 0; i < n; i++) expected[i / ConformanceKernels.GROUP] += x[i];
        Check.floats("groupSum (integer-valued, exact)", expected, out, 0);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void workGroupPrefixSumWithBarriersInAHelper(String device) {
        int n = 1000;
        Random rnd = new Random(7);
        int[] x = new int[n];
        for (int i = 0; i < n; i++) x[i] = rnd.nextInt(201) - 100;
        IntArray in = IntArray.fromArray(x), out = new IntArray(n);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in)
                .task("k", ConformanceKernels::groupPrefixSum, new KernelContext(), in, out, n)
                .transferToHost(EVERY_EXECUTION, out), WorkerGrid.of1D(n).setLocalWork(ConformanceKernels.GROUP));
        int[] expected = new int[n];
        for (int i = 0; i < n; i++) expected[i] = (i % ConformanceKernels.GROUP == 0 ? 0 : expected[i - 1]) + x[i];
        Check.ints("groupPrefixSum", expected, out);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void tiledMatmulMatchesTripleLoop(String device) {
        int m = 37, n = 29, k = 19;
        Random rnd = new Random(8);
        float[] x = new float[m * k], y = new float[k * n];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextInt(9) - 4;
        for (int i = 0; i < y.length; i++) y[i] = rnd.nextInt(9) - 4;
        FloatArray a = FloatArray.fromArray(x), b = FloatArray.fromArray(y), c = new FloatArray(m * n);
        Check.poison(c);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, a, b)
                .task("k", ConformanceKernels::tiledMatmul, new KernelContext(), a, b, c, m, n, k)
                .transferToHost(EVERY_EXECUTION, c), WorkerGrid.of2D(n, m).setLocalWork(ConformanceKernels.TILE, ConformanceKernels.TILE));
        float[] expected = new float[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int p = 0; p < k; p++) s += x[i * k + p] * y[p * n + j];
                expected[i * n + j] = s;
            }
        Check.floats("tiledMatmul (small integers, exact)", expected, c, 0);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void grid2DIdsWithRoundedUpGlobalSize(String device) {
        int w = 37, h = 19;
        IntArray out = new IntArray(w * h * 4);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").task("k", ConformanceKernels::ids2D, new KernelContext(), out, w, h)
                .transferToHost(EVERY_EXECUTION, out), WorkerGrid.of2D(w, h).setLocalWork(8, 4));
        int[] expected = new int[w * h * 4];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 4;
                expected[o] = x + 1000 * y;
                expected[o + 3] = 40 * 10000 + 20;
            }
        Check.ints("ids2D (id, group*size+local-id checks, rounded global size 40x20)", expected, out);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void grid3DIds(String device) {
        int w = 9, h = 5, d = 3;
        IntArray out = new IntArray(w * h * d * 2);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").task("k", ConformanceKernels::ids3D, new KernelContext(), out, w, h, d)
                .transferToHost(EVERY_EXECUTION, out), WorkerGrid.of3D(w, h, d).setLocalWork(4, 2, 2));
        int[] expected = new int[w * h * d * 2];
        for (int z = 0; z < d; z++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    int o = ((z * h + y) * w + x) * 2;
                    expected[o] = x + 100 * y + 10000 * z;
                    expected[o + 1] = z * 10000 + 4;
                }
        Check.ints("ids3D", expected, out);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void globalSizeIsRoundedUpToWholeGroups(String device) {
        int n = 1000;
        IntArray out = new IntArray(n);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").task("k", ConformanceKernels::globalSize, new KernelContext(), out, n)
                .transferToHost(EVERY_EXECUTION, out), WorkerGrid.of1D(n).setLocalWork(64));
        for (int i = 0; i < n; i++) assertEquals(1024, out.get(i), "global size seen by work-item " + i);
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void kernelNamedLikeADeviceBuiltinRuns(String device) {
        int n = 50;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = i - 25f;
        FloatArray in = FloatArray.fromArray(x), out = new FloatArray(n);
        Check.poison(out);
        runOnce(device, new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in)
                .task("k", ConformanceKernels::max, new KernelContext(), in, out, n)
                .transferToHost(EVERY_EXECUTION, out), grid1D(n));
        float[] expected = new float[n];
        for (int i = 0; i < n; i++) expected[i] = Math.max(x[i], 0f);
        Check.floats("max kernel", expected, out, 0);
    }
}
