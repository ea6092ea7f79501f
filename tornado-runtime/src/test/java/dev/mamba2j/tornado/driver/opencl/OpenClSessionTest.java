package dev.mamba2j.tornado.driver.opencl;

import dev.mamba2j.tornado.ir.ParamKind;

import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.driver.DeviceBuffer;
import dev.mamba2j.tornado.driver.DeviceSession;
import dev.mamba2j.tornado.driver.KernelArg;
import dev.mamba2j.tornado.driver.LoadedKernel;
import dev.mamba2j.tornado.emit.KernelCode;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenClSessionTest {
    private static final int N = 1000;

    /** c[i] = a[i] + b[i] * s, for one element type; n is not a multiple of any work-group size. */
    private static KernelCode axpy(String type) {
        String fp64 = type.equals("double") ? "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n" : "";
        return ClTestSupport.openClC("axpy_" + type, fp64 + """
                __kernel void axpy_T(__global const T* a, __global const T* b, __global T* c, T s, int n) {
                    int i = get_global_id(0);
                    if (i < n) c[i] = a[i] + b[i] * s;
                }
                """.replace("T", type));
    }

    @Test
    void intRoundTrip() {
        long[] got = run("int", JAVA_INT.byteSize(), new KernelArg.Int(3),
                (seg, i, v) -> seg.setAtIndex(JAVA_INT, i, (int) v), (seg, i) -> seg.getAtIndex(JAVA_INT, i));
        for (int i = 0; i < N; i++) assertEquals(i + 3L * (2 * i - 7), got[i]);
    }

    @Test
    void longRoundTrip() {
        long s = 5_000_000_000L; // needs all 64 bits
        long[] got = run("long", JAVA_LONG.byteSize(), new KernelArg.Long(s),
                (seg, i, v) -> seg.setAtIndex(JAVA_LONG, i, v), (seg, i) -> seg.getAtIndex(JAVA_LONG, i));
        for (int i = 0; i < N; i++) assertEquals(i + s * (2 * i - 7), got[i]);
    }

    @Test
    void floatRoundTrip() {
        long[] got = run("float", JAVA_FLOAT.byteSize(), new KernelArg.Float(0.5f),
                (seg, i, v) -> seg.setAtIndex(JAVA_FLOAT, i, v), (seg, i) -> (long) seg.getAtIndex(JAVA_FLOAT, i));
        for (int i = 0; i < N; i++) assertEquals((long) (i + 0.5f * (2 * i - 7)), got[i]);
    }

    @Test
    void doubleRoundTrip() {
        long[] got = run("double", JAVA_DOUBLE.byteSize(), new KernelArg.Double(0.25),
                (seg, i, v) -> seg.setAtIndex(JAVA_DOUBLE, i, v), (seg, i) -> (long) (4 * seg.getAtIndex(JAVA_DOUBLE, i)));
        for (int i = 0; i < N; i++) assertEquals(4L * i + (2L * i - 7), got[i]);
    }

    private interface Put { void set(MemorySegment s, int i, long v); }

    private interface Get { long get(MemorySegment s, int i); }

    /** Uploads a = i and b = 2i - 7, launches axpy with scalar s, returns c read back. */
    private long[] run(String type, long elem, KernelArg scalar, Put put, Get get) {
        try (DeviceSession session = ClTestSupport.device().open(); Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(elem * N), b = arena.allocate(elem * N), c = arena.allocate(elem * N);
            for (int i = 0; i < N; i++) { put.set(a, i, i); put.set(b, i, 2L * i - 7); }
            DeviceBuffer da = session.allocate(a.byteSize()), db = session.allocate(b.byteSize()), dc = session.allocate(c.byteSize());
            assertTrue(session.write(da, a, a.byteSize()) >= 0);
            session.write(db, b, b.byteSize());
            LoadedKernel k = session.load(axpy(type));
            long ns = session.launch(k, List.of(new KernelArg.Buffer(da), new KernelArg.Buffer(db),
                    new KernelArg.Buffer(dc), scalar, new KernelArg.Int(N)), WorkerGrid.of1D(N));
            assertTrue(ns > 0, "kernel device time " + ns);
            assertTrue(session.read(c, dc, c.byteSize()) >= 0);
            long[] out = new long[N];
            for (int i = 0; i < N; i++) out[i] = get.get(c, i);
            return out;
        }
    }

    @Test
    void localMemoryAnd2DGridWithLocalSize() {
        // Each 4x2 work-group sums its in-range elements through local memory. The global size
        // (10, 6) is not a multiple of the work-group, so the launch must round it up to (12, 6).
        KernelCode groupSum = ClTestSupport.openClC("group_sum", """
                __kernel void group_sum(__global const float* in, __global float* sums, __global int* shape, int w, int h) {
                    __local float tile[8];
                    int x = get_global_id(0), y = get_global_id(1);
                    int l = get_local_id(1) * get_local_size(0) + get_local_id(0);
                    tile[l] = (x < w && y < h) ? in[y * w + x] : 0.0f;
                    barrier(CLK_LOCAL_MEM_FENCE);
                    for (int step = 4; step > 0; step >>= 1) {
                        if (l < step) tile[l] += tile[l + step];
                        barrier(CLK_LOCAL_MEM_FENCE);
                    }
                    int g = get_group_id(1) * get_num_groups(0) + get_group_id(0);
                    if (l == 0) sums[g] = tile[0];
                    if (g == 0 && l == 0) {
                        shape[0] = get_global_size(0); shape[1] = get_global_size(1);
                        shape[2] = get_local_size(0); shape[3] = get_local_size(1);
                    }
                }
                """);
        int w = 10, h = 6, gx = 3, gy = 3;
        try (DeviceSession session = ClTestSupport.device().open(); Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocate(JAVA_FLOAT, (long) w * h);
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) in.setAtIndex(JAVA_FLOAT, y * w + x, x + 100 * y);
            DeviceBuffer din = session.allocate(in.byteSize()), dsums = session.allocate(4L * gx * gy), dshape = session.allocate(16);
            session.write(din, in, in.byteSize());
            session.launch(session.load(groupSum), List.of(new KernelArg.Buffer(din), new KernelArg.Buffer(dsums),
                    new KernelArg.Buffer(dshape), new KernelArg.Int(w), new KernelArg.Int(h)),
                    WorkerGrid.of2D(w, h).setLocalWork(4, 2));
            int[] shape = new int[4];
            MemorySegment shapeHost = MemorySegment.ofArray(shape); // heap segment: exercises staging
            session.read(shapeHost, dshape, 16);
            assertArrayEquals(new int[]{12, 6, 4, 2}, shape);
            float[] sums = new float[gx * gy];
            session.read(MemorySegment.ofArray(sums), dsums, 4L * gx * gy);
            for (int g = 0; g < gx * gy; g++) {
                float expected = 0;
                for (int y = g / gx * 2; y < g / gx * 2 + 2; y++)
                    for (int x = g % gx * 4; x < Math.min(w, g % gx * 4 + 4); x++) expected += x + 100 * y;
                assertEquals(expected, sums[g], 0f, "group " + g);
            }
        }
    }

    @Test
    void buildErrorCarriesTheCompilerLog() {
        KernelCode broken = ClTestSupport.openClC("broken", """
                __kernel void broken(__global float* a) {
                    a[get_global_id(0)] = undeclared_name + 1.0f;
                }
                """);
        try (DeviceSession session = ClTestSupport.device().open()) {
            OpenClException e = assertThrows(OpenClException.class, () -> session.load(broken));
            String m = e.getMessage();
            assertTrue(m.contains("clBuildProgram") && m.contains("CL_BUILD_PROGRAM_FAILURE"), m);
            assertTrue(m.contains("kernel broken"), m);
            assertTrue(m.contains("undeclared_name") && m.toLowerCase().contains("error"), m); // from the log
            assertTrue(m.contains("   2|     a[get_global_id(0)]"), m); // the source head
            assertEquals(0, ((OpenClSession) session).trackedObjects() - 2, "failed program must be released");
        }
    }

    @Test
    void missingEntryIsNamed() {
        try (DeviceSession session = ClTestSupport.device().open()) {
            KernelCode code = ClTestSupport.openClC("nope", "__kernel void other(__global int* a) { a[0] = 1; }");
            OpenClException e = assertThrows(OpenClException.class, () -> session.load(code));
            assertTrue(e.getMessage().contains("CL_INVALID_KERNEL_NAME") && e.getMessage().contains("'nope'"), e.getMessage());
        }
    }

    @Test
    void spirvNeedsADeviceThatTakesIl() {
        OpenClDevice device = (OpenClDevice) ClTestSupport.device();
        org.junit.jupiter.api.Assumptions.assumeTrue(!device.takesSpirv(), "device takes SPIR-V; refusal path not reachable");
        KernelCode spirv = new KernelCode("k", KernelCode.Language.SPIRV, null,
                new byte[]{0x03, 0x02, 0x23, 0x07}, List.of());
        try (DeviceSession session = device.open()) {
            OpenClException e = assertThrows(OpenClException.class, () -> session.load(spirv));
            assertTrue(e.getMessage().contains("SPIR-V") && e.getMessage().contains("OpenCL C instead"), e.getMessage());
        }
    }

    @Test
    void sameCodeBuildsOncePerSession() {
        try (DeviceSession session = ClTestSupport.device().open()) {
            LoadedKernel first = session.load(axpy("float"));
            assertSame(first, session.load(axpy("float")));
            assertEquals(KernelCode.Language.OPENCL_C, session.printer().language());
        }
    }

    @Test
    void closeIsIdempotentAndRefusesLaterUse() {
        DeviceSession session = ClTestSupport.device().open();
        DeviceBuffer b = session.allocate(64);
        session.close();
        session.close();
        b.close();
        assertThrows(IllegalStateException.class, () -> session.allocate(8));
    }

    @Test
    void foreignBuffersAndOversizedCopiesAreRefused() {
        try (DeviceSession s1 = ClTestSupport.device().open(); DeviceSession s2 = ClTestSupport.device().open();
             Arena arena = Arena.ofConfined()) {
            DeviceBuffer b = s1.allocate(16);
            MemorySegment host = arena.allocate(32);
            assertThrows(IllegalArgumentException.class, () -> s2.write(b, host, 16));
            assertThrows(IllegalArgumentException.class, () -> s1.write(b, host, 32));
            b.close();
            b.close();
            assertThrows(IllegalStateException.class, () -> s1.write(b, host, 16));
        }
    }

    @Test
    void badLaunchesNameTheKernelAndTheProblem() {
        ComputeDevice device = ClTestSupport.device();
        KernelCode withParams = new KernelCode("fill", KernelCode.Language.OPENCL_C,
                "__kernel void fill(__global int* a, int v) { a[get_global_id(0)] = v; }",
                null, List.of(new KernelCode.Param(ParamKind.BUFFER, 0, null),
                        new KernelCode.Param(ParamKind.SCALAR, 1, int.class)));
        try (DeviceSession session = device.open()) {
            DeviceBuffer b = session.allocate(4L * 2 * device.maxWorkGroupSize());
            LoadedKernel k = session.load(withParams);
            assertThrows(IllegalArgumentException.class,
                    () -> session.launch(k, List.of(new KernelArg.Buffer(b)), WorkerGrid.of1D(4)));
            int tooBig = 2 * device.maxWorkGroupSize();
            OpenClException e = assertThrows(OpenClException.class, () -> session.launch(k,
                    List.of(new KernelArg.Buffer(b), new KernelArg.Int(1)), WorkerGrid.of1D(tooBig).setLocalWork(tooBig)));
            assertTrue(e.getMessage().contains("CL_INVALID_WORK_GROUP_SIZE") && e.getMessage().contains("kernel fill"), e.getMessage());
        }
    }
}
