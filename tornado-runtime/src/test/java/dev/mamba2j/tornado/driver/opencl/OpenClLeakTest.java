package dev.mamba2j.tornado.driver.opencl;

import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.driver.DeviceBuffer;
import dev.mamba2j.tornado.driver.DeviceSession;
import dev.mamba2j.tornado.driver.KernelArg;
import dev.mamba2j.tornado.driver.LoadedKernel;
import dev.mamba2j.tornado.jit.CompiledKernel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Native memory must not grow with sessions or launches. The object count is exact; the
 * resident set is a coarse second check (the JIT and GC move it by a few MiB on their own).
 */
class OpenClLeakTest {
    private static final long RSS_TOLERANCE_KB = 48 * 1024;

    private static final CompiledKernel SCALE = ClTestSupport.openClC("scale",
            "__kernel void scale(__global float* a, float s, int n) { int i = get_global_id(0); if (i < n) a[i] *= s; }");

    @Test
    void thousandSessionsLeaveNothingBehind() {
        ComputeDevice device = ClTestSupport.device();
        cycleSessions(device, 50); // warm up allocators and the kernel cache of the OpenCL runtime
        long objects = OpenClSession.liveObjects();
        long rss = rssKb();
        cycleSessions(device, 1000);
        assertEquals(objects, OpenClSession.liveObjects(), "OpenCL objects still alive");
        long growth = rssKb() - rss;
        assertTrue(growth < RSS_TOLERANCE_KB, "VmRSS grew by " + growth + " KiB over 1000 sessions");
    }

    private static void cycleSessions(ComputeDevice device, int n) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(JAVA_FLOAT, 256);
            for (int i = 0; i < n; i++) {
                try (DeviceSession s = device.open()) {
                    DeviceBuffer b = s.allocate(host.byteSize());
                    s.write(b, host, host.byteSize());
                    if (i % 10 == 0) // builds are slow; every tenth session also builds and launches
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
            List<KernelArg> args = List.of(new KernelArg.Buffer(b), new KernelArg.Float(1.0001f), new KernelArg.Int(64));
            for (int i = 0; i < 500; i++) s.launch(k, args, WorkerGrid.of1D(64));
            int tracked = ((OpenClSession) s).trackedObjects();
            long rss = rssKb();
            for (int i = 0; i < 10_000; i++) s.launch(k, args, WorkerGrid.of1D(64).setLocalWork(16));
            assertEquals(tracked, ((OpenClSession) s).trackedObjects());
            long growth = rssKb() - rss;
            assertTrue(growth < RSS_TOLERANCE_KB, "VmRSS grew by " + growth + " KiB over 10,000 launches");
            s.read(host, b, host.byteSize());
            assertEquals(Math.pow(1.0001, 10_500), host.getAtIndex(JAVA_FLOAT, 0), 1e-2);
        }
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        } catch (IOException | NumberFormatException e) {
            // not Linux: the object count alone decides
        }
        return 0;
    }
}
