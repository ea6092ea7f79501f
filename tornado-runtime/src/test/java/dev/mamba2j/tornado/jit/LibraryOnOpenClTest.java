package dev.mamba2j.tornado.jit;

import dev.mamba2j.tornado.testing.Unchecked;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.opencl.OpenClPrinter;
import dev.mamba2j.tornado.emit.ptx.PtxPrinter;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.jit.lib.MathLibrary;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The device math library as PTX gets it, run on an OpenCL device: kernels are lowered for PTX's
 * target (exp, log, tanh, sin, cos, pow and % become the library's Java, inlined; float exp, log and
 * tanh build on the approximations, which OpenCL prints as exp2/log2) and printed as OpenCL C, which
 * has everything PTX has. The device must give what the library's Java gives on the host, bit for bit
 * (the float fast paths within 2 ulps, as OpenCL's exp2/log2 are not the host's): the JIT's
 * translation, inlining and lowering of the library checked on real hardware without a GPU.
 */
@ExtendWith(Unchecked.class) // the plain code: its shape, or its arguments bound by hand
class LibraryOnOpenClTest {
    @BeforeEach
    void device() { Assumptions.assumeTrue(ClRunner.unavailable() == null, () -> "no OpenCL device: " + ClRunner.unavailable()); }

    private static KernelCode ptxLoweredOpenCl(String kernel, Object[] args) throws Exception {
        Method m = Arrays.stream(LibraryKernels.class.getDeclaredMethods()).filter(k -> k.getName().equals(kernel)).findFirst().orElseThrow();
        KernelCode code = new OpenClPrinter(new dev.mamba2j.tornado.emit.opencl.OpenClTarget(true, false, ""))
                .print(KernelJit.compile(m, args, PtxPrinter.MATH).function());
        for (String builtin : List.of("exp(", "log(", "tanh(", "sin(", "cos(", "pow(", "fmod("))
            assertTrue(!code.text().contains(" " + builtin), builtin + " is the library's, not the device's:\n" + code.text());
        return code;
    }

    private static Object library(MathFn fn, Type t, Object... args) throws Exception {
        Method m = fn == null ? MathLibrary.remainder(t) : MathLibrary.function(fn, t, PtxPrinter.MATH);
        m.setAccessible(true);
        return m.invoke(null, args);
    }

    @Test
    void doubleFunctionsAreTheLibrarysJavaBitForBit() throws Throwable {
        List<Double> xs = new ArrayList<>(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1.0, -1.0,
                Double.MIN_VALUE, 0x1p-1022, Double.MAX_VALUE, 709.78, -745.1, 0.55, -0.55, Math.PI / 2, 1e6, 3.0, -3.0, 1e-300, 1e22,
                -0x1p20, 6381956970095103.0 * 0x1p797, 2.5, -8.0));
        Random r = new Random(7);
        for (int i = 0; i < 4000; i++)
            xs.add(switch (i % 5) {
                case 0 -> (r.nextDouble() - 0.5) * 40;
                case 1 -> (r.nextDouble() - 0.5) * 1500;
                case 2 -> r.nextDouble() * 4;
                case 3 -> (r.nextDouble() - 0.5) * 2e6;
                default -> Double.longBitsToDouble(r.nextLong());
            });
        int n = xs.size();
        IntArray in = new IntArray(2 * n), out = new IntArray(2 * n * LibraryKernels.DOUBLES);
        for (int i = 0; i < n; i++) {
            long b = Double.doubleToRawLongBits(xs.get(i));
            in.set(2 * i, (int) b);
            in.set(2 * i + 1, (int) (b >>> 32));
        }
        Object[] args = {new KernelContext(), in, out, n};
        ClRunner.run(ptxLoweredOpenCl("doubles", args), args, new long[] {n}, new long[] {1});
        MathFn[] fns = {MathFn.EXP, MathFn.LOG, MathFn.TANH, MathFn.SIN, MathFn.COS, MathFn.POW, MathFn.POW, null, null};
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = xs.get(i), y = xs.get(n - 1 - i);
            for (int k = 0; k < fns.length; k++) {
                Object[] a = k == 5 ? new Object[] {x, 0.5} : k == 6 || k == 8 ? new Object[] {x, y} : k == 7 ? new Object[] {x, 3.0} : new Object[] {x};
                double e = (double) library(fns[k], Type.DOUBLE, a);
                int o = 2 * (LibraryKernels.DOUBLES * i + k);
                double g = Double.longBitsToDouble(((long) out.get(o + 1) << 32) | (out.get(o) & 0xffffffffL));
                if (Double.doubleToLongBits(e) != Double.doubleToLongBits(g) && failures.size() < 20)
                    failures.add("double " + k + " at " + Arrays.toString(a) + ": device " + g + ", library's Java " + e);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void floatFunctionsAreTheLibrarysJava() throws Throwable {
        List<Float> xs = new ArrayList<>(List.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1f, -1f, 1e-45f,
                88.7f, -103f, 0.55f, -0.55f, 0.5f, 2f, 1e30f, -3f, 2.5f));
        Random r = new Random(8);
        for (int i = 0; i < 4000; i++) xs.add(i % 3 == 0 ? Float.intBitsToFloat(r.nextInt()) : (r.nextFloat() - 0.3f) * 40f);
        int n = xs.size();
        FloatArray in = new FloatArray(n), out = new FloatArray(n * LibraryKernels.FLOATS);
        for (int i = 0; i < n; i++) in.set(i, xs.get(i));
        Object[] args = {new KernelContext(), in, out, n};
        ClRunner.run(ptxLoweredOpenCl("floats", args), args, new long[] {n}, new long[] {1});
        MathFn[] fns = {MathFn.EXP, MathFn.LOG, MathFn.TANH, MathFn.SIN, MathFn.COS, MathFn.POW, MathFn.POW, null, null};
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float x = xs.get(i), y = xs.get(n - 1 - i);
            for (int k = 0; k < fns.length; k++) {
                Object[] a = k == 5 ? new Object[] {x, 2.5f} : k == 6 || k == 8 ? new Object[] {x, y} : k == 7 ? new Object[] {x, 1.5f} : new Object[] {x};
                float e = (float) library(fns[k], Type.FLOAT, a), g = out.get(LibraryKernels.FLOATS * i + k);
                long allowed = k < 3 ? 2 : 0;
                boolean same = Float.isNaN(e) ? Float.isNaN(g) : Math.signum(e) == Math.signum(g)
                        && Math.abs((long) Float.floatToRawIntBits(e) - Float.floatToRawIntBits(g)) <= allowed;
                if (!same && failures.size() < 20) failures.add("float " + k + " at " + Arrays.toString(a) + ": device " + g + ", library's Java " + e);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
