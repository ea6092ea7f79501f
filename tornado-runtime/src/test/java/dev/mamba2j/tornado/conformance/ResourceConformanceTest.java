package dev.mamba2j.tornado.conformance;

import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.ImmutableTaskGraph;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.runtime.DeviceRegistry;
import dev.mamba2j.tornado.runtime.DeviceRuntime;
import dev.mamba2j.tornado.api.Devices;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static dev.mamba2j.tornado.api.DataTransferMode.FIRST_EXECUTION;
import static dev.mamba2j.tornado.conformance.Conformance.grid1D;
import static dev.mamba2j.tornado.conformance.ElementwiseConformanceTest.DEVICES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Long runs leak nothing: device buffers are counted by the runtime, and the process's resident
 * memory must stay flat (on CPU devices device memory is host memory, so a leak shows there).
 */
class ResourceConformanceTest {
    /** Allowed growth of resident memory over a run; a leak of the plans' buffers would be far larger. */
    private static final long RSS_SLACK = 32L << 20;

    @ParameterizedTest @MethodSource(DEVICES)
    void tenThousandExecutesHoldMemoryFlat(String device) {
        int n = 1024; // 4 KiB per copy: a copy that leaked its staging memory would grow 80 MiB here
        FloatArray in = new FloatArray(n), out = new FloatArray(n);
        in.init(1f);
        TaskGraph g = new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in)
                .task("k", ConformanceKernels::addOne, new KernelContext(), in, out, n)
                .transferToHost(EVERY_EXECUTION, out);
        DeviceRuntime runtime = DeviceRuntime.of(DeviceRegistry.get(device));
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device).withGrid("t.k", grid1D(n))) {
            for (int i = 0; i < 3000; i++) plan.execute();
            long buffers = runtime.liveBuffers(), rss = rss();
            long start = System.nanoTime();
            for (int i = 0; i < 10_000; i++) plan.execute();
            long perExecute = (System.nanoTime() - start) / 10_000;
            System.out.println(device + ": " + perExecute / 1000.0 + " us per execute() of a 1024-element task with two copies; non-heap resident memory "
                    + ((rss() - rss) >> 10) + " KiB more after 10,000");
            assertEquals(buffers, runtime.liveBuffers(), "device buffers allocated by execute()");
            assertTrue(rss() - rss < RSS_SLACK, "resident memory grew by " + ((rss() - rss) >> 20) + " MiB");
            Check.poison(out);
            plan.execute();
            for (int i = 0; i < n; i++) assertEquals(2f, out.get(i));
        }
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void thousandPlanOpenCloseCyclesFreeTheirBuffers(String device) {
        int n = 64 * 1024;
        FloatArray in = new FloatArray(n), out = new FloatArray(n);
        in.init(41f);
        ImmutableTaskGraph graph = new TaskGraph("t").transferToDevice(FIRST_EXECUTION, in)
                .task("k", ConformanceKernels::addOne, new KernelContext(), in, out, n)
                .transferToHost(EVERY_EXECUTION, out).snapshot();
        DeviceRuntime runtime = DeviceRuntime.of(DeviceRegistry.get(device));
        long buffers = runtime.liveBuffers(), bytes = runtime.liveBytes();
        for (int i = 0; i < 50; i++) cycle(graph, device, n);
        long rss = rss();
        for (int i = 0; i < 1000; i++) {
            cycle(graph, device, n);
            assertEquals(buffers, runtime.liveBuffers(), "device buffers left after closing plan " + i);
        }
        assertEquals(bytes, runtime.liveBytes(), "device bytes left after closing every plan");
        System.out.println(device + ": non-heap resident memory " + ((rss() - rss) >> 10) + " KiB more after 1,000 plans");
        assertTrue(rss() - rss < RSS_SLACK, "resident memory grew by " + ((rss() - rss) >> 20) + " MiB over 1000 plans of 512 KiB each");
        for (int i = 0; i < n; i += 997) assertEquals(42f, out.get(i));
    }

    @ParameterizedTest @MethodSource(DEVICES)
    void plansOnSeveralThreadsShareTheDevice(String device) throws Exception {
        int n = 4096, threads = 3;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
            List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                float base = t * 100f;
                runs.add(pool.submit(() -> {
                    FloatArray in = new FloatArray(n), out = new FloatArray(n);
                    in.init(base);
                    TaskGraph g = new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in)
                            .task("k", ConformanceKernels::addOne, new KernelContext(), in, out, n)
                            .transferToHost(EVERY_EXECUTION, out);
                    try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device).withGrid("t.k", grid1D(n))) {
                        for (int i = 0; i < 100; i++) {
                            Check.poison(out);
                            plan.execute();
                            for (int j = 0; j < n; j += 127) assertEquals(base + 1f, out.get(j));
                        }
                    }
                    return null;
                }));
            }
            for (var r : runs) r.get();
        }
    }

    private static void cycle(ImmutableTaskGraph graph, String device, int n) {
        ExecutionPlan plan = new ExecutionPlan(graph).withDevice(device).withGrid("t.k", grid1D(n).setLocalWork(256));
        plan.execute();
        plan.close();
        assertTrue(plan.isClosed());
    }

    /** Resident memory outside the Java heap (a growing heap is not a leak). */
    private static long rss() {
        return residentSetSize() - Runtime.getRuntime().totalMemory();
    }

    /** Resident set size of this process, from /proc (0 where there is none, making the check vacuous only there). */
    private static long residentSetSize() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
