package dev.mamba2j.tornado.jit;

import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.api.arrays.NativeArray;
import dev.mamba2j.tornado.emit.opencl.OpenClTarget;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Just enough OpenCL (through FFM) to run a compiled kernel on the first CPU device (PoCL in CI),
 * for checking the JIT's output against the Java method bit for bit, NaN payloads included, which
 * only a CPU device shares with Java (GPUs give NaN results their own payload; the conformance
 * suite covers them). Test code only: the runtime's OpenCL driver is separate.
 */
final class ClRunner {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Arena ARENA = Arena.ofAuto();
    private static final SymbolLookup CL = lookup();
    private static final MemorySegment[] DEVICE = new MemorySegment[3]; // platform, device, context
    private static MemorySegment queue;
    private static String unavailable;
    private static String deviceName;

    static {
        try {
            init();
        } catch (Throwable t) {
            unavailable = String.valueOf(t);
        }
    }

    private ClRunner() {}

    static String deviceName() { return deviceName; }

    /** Why no OpenCL device can be used, or null. */
    static String unavailable() { return unavailable; }

    private static SymbolLookup lookup() {
        try {
            return SymbolLookup.libraryLookup("libOpenCL.so.1", ARENA);
        } catch (IllegalArgumentException e) {
            unavailable = "libOpenCL.so.1 not found";
            return null;
        }
    }

    private static MethodHandle fn(String name, ValueLayout ret, ValueLayout... args) {
        return LINKER.downcallHandle(CL.find(name).orElseThrow(), ret == null ? FunctionDescriptor.ofVoid(args) : FunctionDescriptor.of(ret, args));
    }

    private static void check(Object rc, String what) {
        if ((int) rc != 0) throw new IllegalStateException(what + " failed: " + rc);
    }

    private static void init() throws Throwable {
        if (CL == null) return;
        MemorySegment ids = ARENA.allocate(ADDRESS, 16), n = ARENA.allocate(JAVA_INT), err = ARENA.allocate(JAVA_INT);
        check(fn("clGetPlatformIDs", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS).invoke(16, ids, n), "clGetPlatformIDs");
        String wanted = System.getProperty("jit.test.platform", "");
        MethodHandle info = fn("clGetPlatformInfo", JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);
        MemorySegment name = ARENA.allocate(256);
        MethodHandle devices = fn("clGetDeviceIDs", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS);
        MemorySegment cpu = ARENA.allocate(ADDRESS), cpus = ARENA.allocate(JAVA_INT);
        for (int p = n.get(JAVA_INT, 0) - 1; p >= 0; p--) { // the first platform named like 'wanted' with a CPU device
            MemorySegment platform = ids.getAtIndex(ADDRESS, p);
            check(info.invoke(platform, 0x0902, 256L, name, MemorySegment.NULL), "clGetPlatformInfo");
            if (name.getString(0).contains(wanted) && (int) devices.invoke(platform, 1L << 1, 1, cpu, cpus) == 0) {
                DEVICE[0] = platform;
                DEVICE[1] = cpu.get(ADDRESS, 0);
            }
        }
        if (DEVICE[0] == null)
            throw new IllegalStateException("no OpenCL CPU device" + (wanted.isEmpty() ? "" : " on a platform named like " + wanted)
                    + " (these checks compare bit patterns with Java; GPUs are covered by the conformance suite)");
        ids.setAtIndex(ADDRESS, 0, DEVICE[1]);
        MemorySegment dname = ARENA.allocate(256);
        check(fn("clGetDeviceInfo", JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS)
                .invoke(DEVICE[1], 0x102B, 256L, dname, MemorySegment.NULL), "clGetDeviceInfo");
        deviceName = dname.getString(0);
        DEVICE[2] = (MemorySegment) fn("clCreateContext", ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS)
                .invoke(MemorySegment.NULL, 1, ids, MemorySegment.NULL, MemorySegment.NULL, err);
        check(err.get(JAVA_INT, 0), "clCreateContext");
        queue = (MemorySegment) fn("clCreateCommandQueue", ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS).invoke(DEVICE[2], DEVICE[1], 0L, err);
        check(err.get(JAVA_INT, 0), "clCreateCommandQueue");
    }

    /**
     * Builds and runs the kernel with the Java arguments (arrays are copied in and back out), on a
     * grid of global sizes with the given local sizes.
     */
    static void run(KernelCode k, Object[] args, long[] global, long[] local) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment err = a.allocate(JAVA_INT);
            MemorySegment src = a.allocateFrom(k.text());
            MemorySegment srcs = a.allocateFrom(ADDRESS, src);
            MemorySegment program = (MemorySegment) fn("clCreateProgramWithSource", ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS)
                    .invoke(DEVICE[2], 1, srcs, MemorySegment.NULL, err);
            check(err.get(JAVA_INT, 0), "clCreateProgramWithSource");
            MemorySegment dev = a.allocateFrom(ADDRESS, DEVICE[1]);
            int rc = (int) fn("clBuildProgram", JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS)
                    .invoke(program, 1, dev, a.allocateFrom(OpenClTarget.JAVA_EXACT_BUILD_OPTION), MemorySegment.NULL, MemorySegment.NULL);
            if (rc != 0) {
                MemorySegment log = a.allocate(1 << 16);
                fn("clGetProgramBuildInfo", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS)
                        .invoke(program, DEVICE[1], 0x1183, log.byteSize(), log, MemorySegment.NULL);
                throw new IllegalStateException("build failed: " + log.getString(0) + "\n" + k.text());
            }
            MemorySegment kernel = (MemorySegment) fn("clCreateKernel", ADDRESS, ADDRESS, ADDRESS, ADDRESS)
                    .invoke(program, a.allocateFrom(k.entryName()), err);
            check(err.get(JAVA_INT, 0), "clCreateKernel");
            MethodHandle setArg = fn("clSetKernelArg", JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS);
            MethodHandle createBuffer = fn("clCreateBuffer", ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS);
            List<MemorySegment> buffers = new ArrayList<>();
            List<NativeArray> arrays = new ArrayList<>();
            for (int i = 0; i < k.params().size(); i++) {
                KernelCode.Param p = k.params().get(i);
                Object v = args[p.javaIndex()];
                MemorySegment value = null;
                switch (p.kind()) {
                    case BUFFER -> {
                        NativeArray arr = (NativeArray) v;
                        MemorySegment buf = (MemorySegment) createBuffer.invoke(DEVICE[2], 1L | 32L, arr.getSegment().byteSize(), arr.getSegment(), err);
                        check(err.get(JAVA_INT, 0), "clCreateBuffer");
                        buffers.add(buf);
                        arrays.add(arr);
                        value = a.allocateFrom(ADDRESS, buf);
                    }
                    case ARRAY_LENGTH -> value = a.allocateFrom(JAVA_INT, ((NativeArray) v).getSize());
                    case SCALAR -> value = switch (v) {
                        case Integer x -> a.allocateFrom(JAVA_INT, x);
                        case Boolean x -> a.allocateFrom(JAVA_INT, x ? 1 : 0);
                        case Long x -> a.allocateFrom(JAVA_LONG, x);
                        case Float x -> a.allocateFrom(ValueLayout.JAVA_FLOAT, x);
                        case Double x -> a.allocateFrom(ValueLayout.JAVA_DOUBLE, x);
                        default -> throw new IllegalArgumentException(String.valueOf(v));
                    };
                }
                check(setArg.invoke(kernel, i, value.byteSize(), value), "clSetKernelArg " + i);
            }
            MemorySegment g = a.allocateFrom(JAVA_LONG, global), l = local == null ? MemorySegment.NULL : a.allocateFrom(JAVA_LONG, local);
            check(fn("clEnqueueNDRangeKernel", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS)
                    .invoke(queue, kernel, global.length, MemorySegment.NULL, g, l, 0, MemorySegment.NULL, MemorySegment.NULL), "clEnqueueNDRangeKernel");
            MethodHandle read = fn("clEnqueueReadBuffer", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
            MethodHandle release = fn("clReleaseMemObject", JAVA_INT, ADDRESS);
            for (int i = 0; i < buffers.size(); i++) {
                MemorySegment dst = arrays.get(i).getSegment();
                check(read.invoke(queue, buffers.get(i), 1, 0L, dst.byteSize(), dst, 0, MemorySegment.NULL, MemorySegment.NULL), "clEnqueueReadBuffer");
                check(release.invoke(buffers.get(i)), "clReleaseMemObject");
            }
            check(fn("clReleaseKernel", JAVA_INT, ADDRESS).invoke(kernel), "clReleaseKernel");
            check(fn("clReleaseProgram", JAVA_INT, ADDRESS).invoke(program), "clReleaseProgram");
        }
    }
}
