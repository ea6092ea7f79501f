package dev.mamba2j.tornado.driver.opencl;

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
import java.util.Arrays;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Native memory must not grow with sessions or launches. The OpenCL object count is exact;
 * native bytes are sampled through the measured part and their steady slope is bounded.
 */
class OpenClLeakTest {
    private static final boolean EXACT = NativeHeap.source().equals("malloc");
    /** About 110 bytes per launch and 1.1 KiB per session when malloc'd bytes are counted (a leaked
     *  PoCL event is about 290 bytes, a leaked context about 4 KiB); VmRSS, the fallback, is coarse. */
    private static final long LAUNCH_TOLERANCE = EXACT ? 1 << 20 : 64 << 20;
    private static final long SESSION_TOLERANCE = EXACT ? 3 << 19 : 64 << 20;

    private static final KernelCode SCALE = ClTestSupport.openClC("scale",
            "__kernel void scale(__global float* a, float s, int n) { int i = get_global_id(0); if (i < n) a[i] *= s; }");

    @Test
    void thousandSessionsLeaveNothingBehind() {
        ComputeDevice device = ClTestSupport.device();
        long objects = OpenClSession.liveObjects();
        cycleSessions(device, 200, true);
        assertEquals(objects, OpenClSession.liveObjects(), "OpenCL objects still alive after sessions that built kernels");
        // Kernel builds run the OpenCL compiler, whose caches blur the byte count: measure without them.
        long growth = steadyGrowth(30, SESSION_TOLERANCE, () -> cycleSessions(device, 50, false));
        assertEquals(objects, OpenClSession.liveObjects(), "OpenCL objects still alive");
        assertTrue(growth < SESSION_TOLERANCE, NativeHeap.source() + " grew steadily by " + growth + " bytes over 1500 sessions");
    }

    /** Opens, uses and closes {@code n} sessions; with {@code build}, every tenth also builds and launches. */
    private static void cycleSessions(ComputeDevice device, int n, boolean build) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(JAVA_FLOAT, 256);
            for (int i = 0; i < n; i++) {
                try (DeviceSession s = device.open()) {
                    DeviceBuffer b = s.allocate(host.byteSize());
                    s.write(b, host, host.byteSize());
                    if (build && i % 10 == 0)
                        s.launch(s.load(SCALE), List.of(new KernelArg.Buffer(b), new KernelArg.Float(2f), new KernelArg.Int(256)),
                                WorkerGrid.of1D(256));
                    s.read(host, b, host.byteSize());
                }
            }
        }
    }

    @Test
    void tenThousandLaunchesLeaveNothingBehind() {
        try (DeviceSession s = ClTestSupport.device().open(); Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(JAVA_FLOAT, 64);
            for (int i = 0; i < 64; i++) host.setAtIndex(JAVA_FLOAT, i, 1f);
            DeviceBuffer b = s.allocate(host.byteSize());
            s.write(b, host, host.byteSize());
            LoadedKernel k = s.load(SCALE);
            List<KernelArg> args = List.of(new KernelArg.Buffer(b), new KernelArg.Float(1.00001f), new KernelArg.Int(64));
            WorkerGrid grid = WorkerGrid.of1D(64).setLocalWork(16);
            for (int i = 0; i < 10_000; i++) s.launch(k, args, grid);
            int tracked = ((OpenClSession) s).trackedObjects();
            long growth = steadyGrowth(20, LAUNCH_TOLERANCE, () -> { for (int i = 0; i < 500; i++) s.launch(k, args, grid); });
            assertEquals(tracked, ((OpenClSession) s).trackedObjects());
            assertTrue(growth < LAUNCH_TOLERANCE, NativeHeap.source() + " grew steadily by " + growth + " bytes over 10,000 launches");
            s.read(host, b, host.byteSize());
            assertEquals(Math.pow(1.00001f, 20_000), host.getAtIndex(JAVA_FLOAT, 0), 1e-3, "every launch ran");
        }
    }

    /**
     * The growth over {@code rounds} rounds, measured once more when the first measure is over the
     * tolerance: a leak grows in both, while the JVM's own allocations (compiler threads on a busy
     * machine) seldom fill the median step twice. The smaller of the two is returned.
     */
    private static long steadyGrowth(int rounds, long tolerance, Runnable round) {
        long first = growthOver(rounds, round);
        return first < tolerance ? first : Math.min(first, growthOver(rounds, round));
    }

    /**
     * Runs {@code round} {@code rounds} times, sampling native bytes after each, and returns the
     * steady growth: the median step between samples times the number of steps. A leak adds to
     * every step; the JVM's own occasional jumps (a finished JIT compile) move only a few.
     */
    private static long growthOver(int rounds, Runnable round) {
        long[] steps = new long[rounds - 1];
        long last = 0;
        for (int r = 0; r < rounds; r++) {
            round.run();
            long now = NativeHeap.bytes();
            if (r > 0) steps[r - 1] = now - last;
            last = now;
        }
        return median(steps) * steps.length;
    }

    private static long median(long[] xs) {
        Arrays.sort(xs);
        return xs[xs.length / 2];
    }
}
