package dev.mamba2j.tornado.driver.cuda;

import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.driver.DeviceBuffer;
import dev.mamba2j.tornado.driver.KernelArg;
import dev.mamba2j.tornado.driver.LoadedKernel;
import dev.mamba2j.tornado.emit.KernelCode;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Many sessions and many launches leave device memory as they found it. A session held open
 * around the loops keeps the primary context alive, so cuMemGetInfo sees whatever the inner
 * sessions leak (streams, events, modules, buffers) instead of a context torn down each time.
 * Needs a CUDA GPU.
 */
class CudaLeakTest {
    private static final int N = 1 << 18;

    private static long free(CudaSession s) {
        return s.memoryInfo()[0];
    }

    /** One allocate, write, load, launch, read round; returns out[N-1]. */
    private static float round(CudaSession s, KernelCode axpy, MemorySegment host) {
        LoadedKernel k = s.load(axpy);
        DeviceBuffer x = s.allocate(4L * N), out = s.allocate(4L * N);
        s.write(x, host, 4L * N);
        s.launch(k, List.of(new KernelArg.Buffer(x), new KernelArg.Buffer(x), new KernelArg.Buffer(out),
                new KernelArg.Int(N), new KernelArg.Float(2f)), WorkerGrid.of1D(N));
        s.read(host, out, 4L * N);
        x.close();
        out.close();
        return host.getAtIndex(JAVA_FLOAT, N - 1);
    }

    @Test
    void thousandSessionsDoNotLeak() {
        CudaDevice device = CudaTestSupport.deviceOrSkip();
        try (CudaSession outer = device.open(); Arena a = Arena.ofConfined()) {
            KernelCode axpy = CudaTestSupport.kernel("axpy", outer.ptxTarget());
            MemorySegment host = a.allocate(JAVA_FLOAT, N);
            try (CudaSession warm = device.open()) { round(warm, axpy, host); }
            long before = free(outer), t0 = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                host.setAtIndex(JAVA_FLOAT, N - 1, 1f);
                try (CudaSession s = device.open()) {
                    assertEquals(3f, round(s, axpy, host)); // out = 2 * x + x with x = 1
                }
            }
            long after = free(outer);
            System.out.printf("1000 sessions in %.1f s; free device memory %d -> %d bytes%n",
                    (System.nanoTime() - t0) / 1e9, before, after);
            assertEquals(before, after, "device memory leaked by 1000 session cycles");
        }
    }

    @Test
    void tenThousandLaunchesDoNotLeak() {
        CudaDevice device = CudaTestSupport.deviceOrSkip();
        try (CudaSession s = device.open(); Arena a = Arena.ofConfined()) {
            KernelCode axpy = CudaTestSupport.kernel("axpy", s.ptxTarget());
            MemorySegment host = a.allocate(JAVA_FLOAT, N);
            LoadedKernel k = s.load(axpy);
            DeviceBuffer x = s.allocate(4L * N), out = s.allocate(4L * N);
            s.write(x, host, 4L * N);
            List<KernelArg> args = List.of(new KernelArg.Buffer(x), new KernelArg.Buffer(x), new KernelArg.Buffer(out),
                    new KernelArg.Int(N), new KernelArg.Float(2f));
            s.launch(k, args, WorkerGrid.of1D(N));
            long before = free(s), t0 = System.nanoTime(), deviceNs = 0;
            for (int i = 0; i < 10_000; i++) deviceNs += s.launch(k, args, WorkerGrid.of1D(N));
            long after = free(s);
            System.out.printf("10000 launches: %.1f us each wall, %.2f us each on the device; free %d -> %d bytes%n",
                    (System.nanoTime() - t0) / 1e7, deviceNs / 1e7, before, after);
            assertEquals(before, after, "device memory leaked by 10000 launches");
        }
    }
}
