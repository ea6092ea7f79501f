package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.annotations.Parallel;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * Conformance kernels in the loop-parallel style (TornadoVM's): no KernelContext, no @Kernel, the
 * parallelism is in the {@code @Parallel} loops. Each is plain Java: the tests run them as Java too.
 */
public final class ParallelKernels {
    private ParallelKernels() {}

    /** Element-wise, the bound from getSize(). */
    public static void add(FloatArray a, FloatArray b, FloatArray c) {
        for (@Parallel int i = 0; i < c.getSize(); i++) c.set(i, a.get(i) + b.get(i));
    }

    /** Each iteration adds one to its element: run once per iteration, not once per work-item. */
    public static void incrementEach(IntArray a) {
        for (@Parallel int i = 0; i < a.getSize(); i++) a.set(i, a.get(i) + 1);
    }

    /** int arithmetic with Java semantics: the loop-parallel twin of {@link ConformanceKernels#intOps}. */
    public static void intOps(IntArray a, IntArray b, IntArray out, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            int x = a.get(i), y = b.get(i), o = i * ConformanceKernels.INT_OPS;
            out.set(o, x + y);
            out.set(o + 1, x - y);
            out.set(o + 2, x * y);
            out.set(o + 3, x / y);
            out.set(o + 4, x % y);
            out.set(o + 5, x << y);
            out.set(o + 6, x >> y);
            out.set(o + 7, x >>> y);
            out.set(o + 8, (x & y) | (~x ^ y));
            out.set(o + 9, Math.min(x, y) - Math.max(x, y));
            out.set(o + 10, Math.abs(x));
            out.set(o + 11, -x);
        }
    }

    /** float arithmetic and Math functions. */
    public static void floatOps(FloatArray a, FloatArray b, FloatArray out, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            float x = a.get(i), y = b.get(i);
            out.set(4 * i, x * y + x);
            out.set(4 * i + 1, x / y);
            out.set(4 * i + 2, (float) Math.sqrt(Math.abs(x)));
            out.set(4 * i + 3, Math.max(x, y) - Math.min(x, y));
        }
    }

    /** A 2D nest with a sequential loop inside: the matrix product of an m×k and a k×n matrix. */
    public static void matmul(FloatArray a, FloatArray b, FloatArray c, int m, int n, int k) {
        for (@Parallel int i = 0; i < m; i++)
            for (@Parallel int j = 0; j < n; j++) {
                float sum = 0;
                for (int p = 0; p < k; p++) sum += a.get(i * k + p) * b.get(p * n + j);
                c.set(i * n + j, sum);
            }
    }

    /** A 2D nest: out (cols×rows) is the transpose of in (rows×cols). */
    public static void transpose(FloatArray in, FloatArray out, int rows, int cols) {
        for (@Parallel int r = 0; r < rows; r++)
            for (@Parallel int c = 0; c < cols; c++) out.set(c * rows + r, in.get(r * cols + c));
    }

    /** A 3D nest writing its indices. */
    public static void ids3D(IntArray out, int w, int h, int d) {
        for (@Parallel int z = 0; z < d; z++)
            for (@Parallel int y = 0; y < h; y++)
                for (@Parallel int x = 0; x < w; x++) out.set((z * h + y) * w + x, x + 100 * y + 10000 * z);
    }

    /** Start and step from parameters. */
    public static void strided(FloatArray in, FloatArray out, int start, int step, int end) {
        for (@Parallel int i = start; i < end; i += step) out.set(i, in.get(i) * 2f + 1f);
    }

    /** A constant start and step, an inclusive bound, and a bound computed before the loop. */
    public static void inclusiveStep(IntArray out, int n) {
        int last = n / 2 + 1;
        for (@Parallel int i = 3; i <= last; i += 4) out.set(i, i * i);
    }

    /** A sequential loop with continue and a helper inside the parallel loop. */
    public static void rowSums(FloatArray in, FloatArray out, int cols) {
        for (@Parallel int r = 0; r < out.getSize(); r++) {
            float s = 0;
            for (int c = 0; c < cols; c++) {
                if (c % 3 == 0) continue;
                s += square(in.get(r * cols + c));
            }
            out.set(r, s);
        }
    }

    static float square(float x) { return x * x; }

    /**
     * Near Integer.MAX_VALUE: the iterations stay below it, but start + id * step of the work-items
     * past the last would wrap around to negative numbers, below the bound.
     */
    public static void nearIntMax(IntArray out, int base, int step, int limit) {
        for (@Parallel int i = base; i < limit; i += step) out.set((i - base) / step, i - base);
    }

    /** The bound is data: the host cannot size the grid, withGrid must. */
    public static void boundFromData(IntArray sizes, IntArray out) {
        for (@Parallel int i = 0; i < sizes.get(0); i++) out.set(i, 2 * i);
    }

    /** A triangular nest: the inner start depends on the outer variable, so only the outer loop is counted on the host. */
    public static void upperTriangle(IntArray out, int n) {
        for (@Parallel int i = 0; i < n; i++)
            for (@Parallel int j = i; j < n; j++) out.set(i * n + j, 1 + i + j);
    }
}
