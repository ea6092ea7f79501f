package dev.mamba2j.tornado.emit.ptx;

import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.driver.DeviceBuffer;
import dev.mamba2j.tornado.driver.KernelArg;
import dev.mamba2j.tornado.driver.LoadedKernel;
import dev.mamba2j.tornado.driver.cuda.CudaDevice;
import dev.mamba2j.tornado.driver.cuda.CudaDriver;
import dev.mamba2j.tornado.driver.cuda.CudaSession;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.jit.lib.MathLibrary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The printed sample kernels run on a CUDA GPU and agree with Java. Skipped without a device. */
class PtxPrinterGpuTest {
    private static CudaSession session;
    private static Arena arena;

    @BeforeAll
    static void open() {
        CudaDriver driver = new CudaDriver();
        assumeTrue(!driver.devices().isEmpty(), () -> "no CUDA device, test skipped: " + driver.unavailableReason());
        session = ((CudaDevice) driver.devices().getFirst()).open();
        arena = Arena.ofShared();
    }

    @AfterAll
    static void close() {
        if (session != null) session.close();
        if (arena != null) arena.close();
    }

    private static LoadedKernel load(Function f) {
        return session.load(new PtxPrinter(session.ptxTarget()).print(f));
    }

    private static KernelArg.Buffer upload(MemorySegment host) {
        DeviceBuffer b = session.allocate(host.byteSize());
        session.write(b, host, host.byteSize());
        return new KernelArg.Buffer(b);
    }

    private static MemorySegment download(KernelArg.Buffer b) {
        MemorySegment host = arena.allocate(b.buffer().bytes(), 16);
        session.read(host, b.buffer(), host.byteSize());
        return host;
    }

    @Test
    void axpyMatchesJava() {
        int n = 10_007;
        Random r = new Random(1);
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) { x[i] = r.nextFloat() * 100 - 50; y[i] = r.nextFloat(); }
        float alpha = 1.7f;
        var out = upload(arena.allocate(4L * n));
        session.launch(load(PtxSamples.axpy()), List.of(upload(arena.allocateFrom(JAVA_FLOAT, x)),
                upload(arena.allocateFrom(JAVA_FLOAT, y)), out, new KernelArg.Int(n), new KernelArg.Float(alpha)), WorkerGrid.of1D(n));
        float[] got = download(out).toArray(JAVA_FLOAT);
        for (int i = 0; i < n; i++) assertEquals(alpha * x[i] + y[i], got[i], "i=" + i);
    }

    @Test
    void blockSumUsesSharedMemoryBarriersAndAtomics() {
        int n = 100_000;
        int[] in = new Random(2).ints(n, -1000, 1000).toArray();
        var out = upload(arena.allocate(4));
        session.launch(load(PtxSamples.blockSum()), List.of(upload(arena.allocateFrom(JAVA_INT, in)), new KernelArg.Int(n), out),
                WorkerGrid.of1D(n).setLocalWork(256));
        assertEquals(Arrays.stream(in).sum(), download(out).get(JAVA_INT, 0));
    }

    @Test
    void conversionsAreJavaCasts() {
        float[] f = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1e20f, -1e20f, 2147483647f,
                2147483648f, -2147483649f, 9.3e18f, -9.3e18f, 2.5f, -2.5f, 0.9999f, 1e-45f, 3.4e38f, -7.7f};
        double[] d = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1e300, -1e300, 2147483647.9,
                -2147483648.9, 9.3e18, -9.3e18, 2.5, -2.5, 4.5e15 + 0.5, 1e-320, 3.5e38, 16777217.0, 9007199254740993.0, -7.7};
        int n = f.length;
        var outI = upload(arena.allocate(8L * n)); var outL = upload(arena.allocate(16L * n));
        var outF = upload(arena.allocate(8L * n)); var outD = upload(arena.allocate(8L * n));
        session.launch(load(PtxSamples.conversions()), List.of(upload(arena.allocateFrom(JAVA_FLOAT, f)),
                upload(arena.allocateFrom(JAVA_DOUBLE, d)), outI, outL, outF, outD, new KernelArg.Int(n)), WorkerGrid.of1D(n));
        int[] gi = download(outI).toArray(JAVA_INT);
        long[] gl = download(outL).toArray(JAVA_LONG);
        float[] gf = download(outF).toArray(JAVA_FLOAT);
        double[] gd = download(outD).toArray(JAVA_DOUBLE);
        for (int i = 0; i < n; i++) {
            String at = "f=" + f[i] + " d=" + d[i];
            assertEquals((int) f[i], gi[2 * i], at);
            assertEquals((int) d[i], gi[2 * i + 1], at);
            assertEquals((long) f[i], gl[2 * i], at);
            assertEquals((long) d[i], gl[2 * i + 1], at);
            assertEquals((float) d[i], gf[2 * i], at);
            assertEquals((float) (long) d[i], gf[2 * i + 1], at);
            assertEquals((double) (int) f[i] + (double) f[i], gd[i], at);
        }
    }

    @Test
    void integerOpsFollowJava() {
        int[][] pairs = {{7, 2}, {-7, 2}, {7, -2}, {Integer.MIN_VALUE, -1}, {5, 0}, {-5, 0}, {1, 31}, {1, 32}, {1, 33},
                {-1, 1}, {-256, 36}, {-256, -1}, {Integer.MAX_VALUE, 3}, {123456789, 1000}, {0, -1}};
        int n = pairs.length;
        int[] a = new int[n], b = new int[n];
        for (int i = 0; i < n; i++) { a[i] = pairs[i][0]; b[i] = pairs[i][1]; }
        var out = upload(arena.allocate(24L * n));
        session.launch(load(PtxSamples.intOps()), List.of(upload(arena.allocateFrom(JAVA_INT, a)),
                upload(arena.allocateFrom(JAVA_INT, b)), out, new KernelArg.Int(n)), WorkerGrid.of1D(n));
        int[] got = download(out).toArray(JAVA_INT);
        for (int i = 0; i < n; i++) {
            int x = a[i], y = b[i];
            long xl = x, yl = y;
            int[] expected = {y == 0 ? 0 : x / y, y == 0 ? 0 : x % y, x << y, x >> y, x >>> y, yl == 0 ? 0 : (int) (xl * yl / yl)};
            assertArrayEquals(expected, Arrays.copyOfRange(got, 6 * i, 6 * i + 6), x + ", " + y);
        }
    }

    /** The device math library's functions as the host runs them (plain Java). */
    private static double library(MathFn fn, double... args) {
        try {
            java.lang.reflect.Method m = MathLibrary.function(fn, Type.DOUBLE, PtxPrinter.MATH);
            m.setAccessible(true);
            return (double) (args.length == 1 ? m.invoke(null, args[0]) : m.invoke(null, args[0], args[1]));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static float libraryPow(float x, float y) {
        try {
            java.lang.reflect.Method m = MathLibrary.function(MathFn.POW, Type.FLOAT, PtxPrinter.MATH);
            m.setAccessible(true);
            return (float) m.invoke(null, x, y);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The device math library's functions (PtxSamples.libraryMath) give on the GPU bit for bit what
     * their Java gives on the host (so the PTX is a faithful compilation of the code checked in
     * MathLibraryTest), and % is Java's exactly.
     */
    @Test
    void libraryMathIsItsJavaBitForBit() {
        List<Double> xs = new ArrayList<>(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1.0, -1.0,
                Double.MIN_VALUE, 0x1p-1022, Double.MAX_VALUE, 709.78, -745.1, 0.55, -0.55, Math.PI / 2, 1e6, 3.0, -3.0, 1e-300));
        Random r = new Random(4);
        for (int i = 0; i < 40_000; i++)
            xs.add(switch (i % 5) {
                case 0 -> (r.nextDouble() - 0.5) * 40;
                case 1 -> (r.nextDouble() - 0.5) * 1500;
                case 2 -> r.nextDouble() * 4;
                case 3 -> (r.nextDouble() - 0.5) * 2e6;
                default -> Double.longBitsToDouble(r.nextLong());
            });
        int n = xs.size();
        double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
        float[] xf = new float[n];
        for (int i = 0; i < n; i++) xf[i] = i % 3 == 0 ? Float.intBitsToFloat(r.nextInt()) : (r.nextFloat() - 0.3f) * 40f;
        var out = upload(arena.allocate(8L * n * 7));
        var outF = upload(arena.allocate(4L * n * 3));
        session.launch(load(PtxSamples.libraryMath()), List.of(upload(arena.allocateFrom(JAVA_DOUBLE, x)), out,
                upload(arena.allocateFrom(JAVA_FLOAT, xf)), outF, new KernelArg.Int(n)), WorkerGrid.of1D(n));
        double[] got = download(out).toArray(JAVA_DOUBLE);
        float[] gotF = download(outF).toArray(JAVA_FLOAT);
        String[] names = {"exp", "log", "tanh", "sin", "cos", "pow(x, 0.5)", "x % 3"};
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double a = x[i];
            double[] e = {library(MathFn.EXP, a), library(MathFn.LOG, a), library(MathFn.TANH, a), library(MathFn.SIN, a),
                    library(MathFn.COS, a), library(MathFn.POW, a, 0.5), a % 3.0};
            for (int k = 0; k < e.length; k++)
                if (Double.doubleToLongBits(e[k]) != Double.doubleToLongBits(got[k * n + i]) && failures.size() < 20)
                    failures.add(names[k] + "(" + a + ") = " + got[k * n + i] + ", library's Java: " + e[k]);
            float b = xf[i];
            float[] ef = {libraryPow(b, b), b % 1.5f, 7f % b};
            String[] fnames = {"powf(x, x)", "x % 1.5f", "7f % x"};
            for (int k = 0; k < ef.length; k++)
                if (Float.floatToIntBits(ef[k]) != Float.floatToIntBits(gotF[k * n + i]) && failures.size() < 20)
                    failures.add(fnames[k] + " at x=" + b + ": " + gotF[k * n + i] + ", library's Java: " + ef[k]);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** Distance in units in the last place; 0 for two NaNs. */
    static long ulps(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) return Float.isNaN(a) && Float.isNaN(b) ? 0 : Long.MAX_VALUE;
        return Math.abs(ordinal(a) - ordinal(b));
    }

    private static long ordinal(float v) {
        int bits = Float.floatToRawIntBits(v);
        return bits < 0 ? -(long) (bits & 0x7fffffff) : bits;
    }

    @Test
    void mathFunctionsStayWithinTheirBounds() {
        List<Float> xs = new ArrayList<>(List.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
                1f, -1f, 1e-45f, 1e-30f, 88f, 88.7f, -87f, -103f, -120f, 0.55f, -0.55f, 0.549f, 9f, -9.5f, 20f, 1e-3f)),
                ys = new ArrayList<>();
        Random r = new Random(3);
        for (int i = 0; i < 20_000; i++) xs.add((r.nextFloat() * 2 - 1) * (i % 4 == 0 ? 100 : i % 4 == 1 ? 10 : i % 4 == 2 ? 1 : 0.3f));
        for (int i = 0; i < 10_000; i++) xs.add(0.25f + r.nextFloat() * 4f);                  // around 1 for log
        for (int i = 0; i < xs.size(); i++) ys.add(i % 7 == 0 ? -xs.get(i) : i % 11 == 0 ? Float.NaN : r.nextFloat() * 4 - 2);
        ys.set(3, -0f); ys.set(4, 0f);                                                      // min/max of ±0
        int n = xs.size();
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) { x[i] = xs.get(i); y[i] = ys.get(i); }
        var out = upload(arena.allocate(4L * n * PtxSamples.MATH.size()));
        session.launch(load(PtxSamples.math()), List.of(upload(arena.allocateFrom(JAVA_FLOAT, x)),
                upload(arena.allocateFrom(JAVA_FLOAT, y)), out, new KernelArg.Int(n)), WorkerGrid.of1D(n));
        float[] got = download(out).toArray(JAVA_FLOAT);
        StringBuilder report = new StringBuilder();
        List<String> failures = new ArrayList<>();
        for (int k = 0; k < PtxSamples.MATH.size(); k++) {
            MathFn fn = PtxSamples.MATH.get(k);
            long worst = 0;
            double worstAbs = 0;
            float worstX = 0;
            for (int i = 0; i < n; i++) {
                float e = reference(fn, x[i], y[i]), g = got[k * n + i];
                long u = ulps(e, g);
                if (fn == MathFn.SIN || fn == MathFn.COS) {
                    if (Math.abs(x[i]) > 100 || Float.isNaN(e)) continue;
                    double abs = Math.abs((double) e - g);
                    if (abs > worstAbs) { worstAbs = abs; worstX = x[i]; }
                } else if (u > worst) { worst = u; worstX = x[i]; }
            }
            report.append(String.format("%-6s max %s at x=%s%n", fn,
                    fn == MathFn.SIN || fn == MathFn.COS ? String.format("abs error %.3g", worstAbs) : worst + " ulp", worstX));
            long bound = switch (fn) {
                case EXP, TANH -> 2;
                case LOG -> 3;
                case SIN, COS -> 0;
                default -> 0; // exact functions must match Java bit for bit
            };
            if (fn == MathFn.SIN || fn == MathFn.COS) {
                if (worstAbs >= 1e-6) failures.add(fn + " abs error " + worstAbs);
            } else if (worst > bound) {
                failures.add(fn + ": " + worst + " ulp at x=" + worstX);
            } else if (bound == 0) {
                for (int i = 0; i < n; i++)
                    if (Float.floatToIntBits(reference(fn, x[i], y[i])) != Float.floatToIntBits(got[k * n + i])) {
                        failures.add(fn + "(" + x[i] + ", " + y[i] + ") = " + got[k * n + i] + ", Java: " + reference(fn, x[i], y[i]));
                        break;
                    }
            }
        }
        System.out.print(report);
        assertTrue(failures.isEmpty(), failures.toString());
    }

    private static float reference(MathFn fn, float x, float y) {
        return switch (fn) {
            case EXP -> (float) StrictMath.exp(x);
            case LOG -> (float) StrictMath.log(x);
            case TANH -> (float) StrictMath.tanh(x);
            case SIN -> (float) StrictMath.sin(x);
            case COS -> (float) StrictMath.cos(x);
            case SQRT -> (float) Math.sqrt(x);
            case FLOOR -> (float) Math.floor(x);
            case CEIL -> (float) Math.ceil(x);
            case ABS -> Math.abs(x);
            case MIN -> Math.min(x, y);
            case MAX -> Math.max(x, y);
            case FMA -> Math.fma(x, y, x);
            default -> throw new AssertionError(fn + " is not among the samples");
        };
    }

    @Test
    void halfAndBf16RoundLikeTheHostArrays() {
        int n = 1 << 16;
        MemorySegment h = arena.allocate(2L * n);
        for (int i = 0; i < n; i++) h.setAtIndex(JAVA_SHORT, i, (short) i);
        var wide = upload(arena.allocate(4L * n));
        var b = upload(arena.allocate(2L * n));
        var h2 = upload(arena.allocate(2L * n));
        session.launch(load(PtxSamples.halfAndBf16()), List.of(upload(h), wide, b, h2, new KernelArg.Int(n)), WorkerGrid.of1D(n));
        float[] gw = download(wide).toArray(JAVA_FLOAT);
        short[] gb = download(b).toArray(JAVA_SHORT), gh = download(h2).toArray(JAVA_SHORT);
        for (int i = 0; i < n; i++) {
            float v = Float.float16ToFloat((short) i);
            assertEquals(Float.floatToIntBits(v), Float.floatToIntBits(gw[i]), "half " + i);
            // the GPU's multiply returns the canonical NaN, the JVM's keeps the payload: compare NaN-ness there
            if (Float.isNaN(v)) assertTrue(Float.isNaN(BFloat16Array.toFloat(gb[i])), "bf16 of half " + i);
            else assertEquals(BFloat16Array.toBits(v * 3), gb[i], "bf16 of half " + i);
            short expected = Float.floatToFloat16(v / 3);
            if (Float.isNaN(v)) assertTrue(Float.isNaN(Float.float16ToFloat(gh[i])));
            else assertEquals(expected, gh[i], "half of half " + i);
        }
    }

    @Test
    void grid2dSwitchBooleanAndPrivateArray() {
        int w = 100, h = 37;
        LoadedKernel k = load(PtxSamples.grid2d());
        for (boolean flip : new boolean[] {false, true}) {
            var out = upload(arena.allocate(4L * w * h));
            session.launch(k, List.of(out, new KernelArg.Int(w), new KernelArg.Int(h), new KernelArg.Int(flip ? 1 : 0)),
                    WorkerGrid.of2D(w, h).setLocalWork(16, 8));
            float[] got = download(out).toArray(JAVA_FLOAT);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    float[] p = {0f * x, 1f * x, 2f * x, 3f * x};
                    float v = switch (x % 3) { case 0 -> x; case 1 -> y; default -> p[y & 3]; };
                    assertEquals(flip ? -v : v, got[y * w + x], "x=" + x + " y=" + y + " flip=" + flip);
                }
        }
    }

    @Test
    void floatAtomicAddReturnsTheOldValues() {
        int n = 1000;
        var acc = upload(arena.allocate(4));
        var old = upload(arena.allocate(4L * n));
        session.launch(load(PtxSamples.floatAtomic()), List.of(acc, old, new KernelArg.Int(n)), WorkerGrid.of1D(n));
        assertEquals(1.5f * n, download(acc).get(JAVA_FLOAT, 0));
        float[] got = download(old).toArray(JAVA_FLOAT);
        Arrays.sort(got);
        for (int i = 0; i < n; i++) assertEquals(1.5f * i, got[i]);
    }
}
