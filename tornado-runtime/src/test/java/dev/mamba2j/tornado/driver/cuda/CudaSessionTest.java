package dev.mamba2j.tornado.driver.cuda;

import dev.mamba2j.tornado.emit.ptx.PtxTarget;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.driver.DeviceBuffer;
import dev.mamba2j.tornado.driver.KernelArg;
import dev.mamba2j.tornado.driver.LoadedKernel;
import dev.mamba2j.tornado.emit.KernelCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-written PTX loaded and launched on a real device, results checked on the host. Needs a CUDA GPU. */
class CudaSessionTest {
    private static CudaSession session;
    private static PtxTarget target;

    @BeforeAll
    static void open() {
        CudaDevice device = CudaTestSupport.deviceOrSkip();
        session = device.open();
        target = session.ptxTarget();
        System.out.println(device + ", PTX header:\n" + target.header());
    }

    @AfterAll
    static void close() {
        if (session != null) session.close();
    }

    private static MemorySegment floats(Arena a, float[] values) {
        return a.allocateFrom(JAVA_FLOAT, values);
    }

    private static DeviceBuffer upload(Arena a, float[] values) {
        DeviceBuffer b = session.allocate(4L * values.length);
        session.write(b, floats(a, values), 4L * values.length);
        return b;
    }

    private static float[] download(Arena a, DeviceBuffer b, int n) {
        MemorySegment host = a.allocate(JAVA_FLOAT, n);
        session.read(host, b, 4L * n);
        return host.toArray(JAVA_FLOAT);
    }

    @Test
    void axpyWithIntAndFloatScalars() {
        int n = 100_003;
        float alpha = 2.5f;
        float[] x = new float[n], y = new float[n], expected = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.25f;
            y[i] = 1 - i;
            expected[i] = Math.fma(alpha, x[i], y[i]);
        }
        LoadedKernel k = session.load(CudaTestSupport.kernel("axpy", target));
        try (Arena a = Arena.ofConfined()) {
            DeviceBuffer dx = upload(a, x), dy = upload(a, y), out = session.allocate(4L * n);
            for (WorkerGrid grid : List.of(WorkerGrid.of1D(n), WorkerGrid.of1D(n).setLocalWork(128))) {
                long ns = session.launch(k, List.of(new KernelArg.Buffer(dx), new KernelArg.Buffer(dy),
                        new KernelArg.Buffer(out), new KernelArg.Int(n), new KernelArg.Float(alpha)), grid);
                assertTrue(ns > 0, "kernel time " + ns);
                assertArrayEquals(expected, download(a, out, n), grid.toString());
            }
        }
    }

    @Test
    void everyScalarKindReachesTheKernel() {
        LoadedKernel k = session.load(CudaTestSupport.kernel("param_kinds", target));
        try (Arena a = Arena.ofConfined()) {
            DeviceBuffer out = session.allocate(32);
            session.launch(k, List.of(new KernelArg.Buffer(out), new KernelArg.Int(-42), new KernelArg.Long(1L << 40),
                    new KernelArg.Float(0.375f), new KernelArg.Double(Math.E)), WorkerGrid.of1D(1));
            MemorySegment host = a.allocate(32);
            session.read(host, out, 32);
            assertArrayEquals(new double[] {1L << 40, Math.E, -42, 0.375}, host.toArray(JAVA_DOUBLE));
        }
    }

    @Test
    void sharedMemoryAndBarrier() {
        for (int block : new int[] {256, 1024}) {
            int n = block * 40;
            float[] in = new float[n], expected = new float[n];
            for (int i = 0; i < n; i++) in[i] = i;
            for (int b = 0; b < n / block; b++)
                for (int t = 0; t < block; t++) expected[b * block + t] = in[b * block + block - 1 - t];
            LoadedKernel k = session.load(CudaTestSupport.kernel("reverse_blocks", target));
            try (Arena a = Arena.ofConfined()) {
                DeviceBuffer din = upload(a, in), out = session.allocate(4L * n);
                session.launch(k, List.of(new KernelArg.Buffer(din), new KernelArg.Buffer(out)),
                        WorkerGrid.of1D(n).setLocalWork(block));
                assertArrayEquals(expected, download(a, out, n), "block " + block);
                din.close();
                out.close();
            }
        }
    }

    @Test
    void twoDimensionalGrid() {
        int w = 1000, h = 37;
        LoadedKernel k = session.load(CudaTestSupport.kernel("grid2d", target));
        try (Arena a = Arena.ofConfined()) {
            DeviceBuffer out = session.allocate(4L * w * h);
            session.launch(k, List.of(new KernelArg.Buffer(out), new KernelArg.Int(w), new KernelArg.Int(h)),
                    WorkerGrid.of2D(w, h).setLocalWork(32, 8));
            MemorySegment host = a.allocate(JAVA_INT, (long) w * h);
            session.read(host, out, 4L * w * h);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    assertEquals(x + 1000 * y, host.getAtIndex(JAVA_INT, (long) y * w + x), "x=" + x + " y=" + y);
        }
    }

    @Test
    void brokenPtxReportsTheJitLogAndWhereItWasDumped() throws Exception {
        KernelCode broken = CudaTestSupport.kernel("broken", target);
        PtxLoadException e = assertThrows(PtxLoadException.class, () -> session.load(broken));
        System.out.println(e.getMessage());
        assertTrue(e.jitLog().contains("undeclared"), e.jitLog());
        assertTrue(e.getMessage().contains("undeclared") && e.getMessage().contains(e.dumpedPtx().toString()));
        assertEquals(broken.text(), Files.readString(e.dumpedPtx()));
        Files.deleteIfExists(e.dumpedPtx());
    }

    @Test
    void loadsAreCachedByTextAndEntry() {
        CudaKernel a = (CudaKernel) session.load(CudaTestSupport.kernel("axpy", target));
        CudaKernel b = (CudaKernel) session.load(CudaTestSupport.kernel("axpy", target));
        assertSame(a.function(), b.function());
        System.out.println("JIT info log of axpy:\n" + a.jitInfoLog());
    }

    @Test
    void largeHeapAndPinnedCopiesRoundTrip() {
        int n = 48 << 20; // 192 MiB: above the auto-pin threshold
        try (Arena a = Arena.ofConfined()) {
            MemorySegment src = a.allocate(JAVA_INT, n), dst = a.allocate(JAVA_INT, n);
            for (int i = 0; i < n; i += 4099) src.setAtIndex(JAVA_INT, i, i);
            DeviceBuffer buf = session.allocate(4L * n);
            long up = session.write(buf, src, 4L * n), down = session.read(dst, buf, 4L * n);
            System.out.printf("192 MiB auto-pinned: up %.2f GB/s, down %.2f GB/s (device time)%n",
                    4.0 * n / up, 4.0 * n / down);
            for (int i = 0; i < n; i += 4099) assertEquals(i, dst.getAtIndex(JAVA_INT, i));
            try (PinnedMemory p = session.pin(dst)) {
                dst.fill((byte) 0);
                session.read(p.segment(), buf, 4L * n);
                for (int i = 0; i < n; i += 4099) assertEquals(i, dst.getAtIndex(JAVA_INT, i));
            }
            int[] heapIn = new int[1000], heapOut = new int[1000];
            for (int i = 0; i < heapIn.length; i++) heapIn[i] = 3 * i - 7;
            session.write(buf, MemorySegment.ofArray(heapIn), 4000);
            session.read(MemorySegment.ofArray(heapOut), buf, 4000);
            assertArrayEquals(heapIn, heapOut);
            buf.close();
            buf.close(); // idempotent
        }
    }

    @Test
    void misuseIsReportedInJava() {
        DeviceBuffer small = session.allocate(16);
        try (Arena a = Arena.ofConfined()) {
            assertThrows(IllegalArgumentException.class, () -> session.write(small, a.allocate(64), 64));
        }
        LoadedKernel k = session.load(CudaTestSupport.kernel("grid2d", target));
        assertThrows(IllegalArgumentException.class, () -> session.launch(k,
                List.of(new KernelArg.Buffer(small), new KernelArg.Int(1), new KernelArg.Int(1)),
                WorkerGrid.of2D(64, 64).setLocalWork(64, 32)));
        try (CudaSession other = session.device().open()) {
            assertThrows(IllegalArgumentException.class, () -> other.launch(k, List.of(), WorkerGrid.of1D(1)));
            assertThrows(IllegalArgumentException.class, () -> other.read(MemorySegment.ofArray(new byte[16]), small, 16));
        }
        small.close();
        assertThrows(IllegalStateException.class, () -> session.read(MemorySegment.ofArray(new byte[16]), small, 16));
    }
}
