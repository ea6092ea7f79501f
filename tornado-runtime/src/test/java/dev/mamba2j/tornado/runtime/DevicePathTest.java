package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.ExecutionProfile;
import dev.mamba2j.tornado.api.ExecutionResult;
import dev.mamba2j.tornado.api.ImmutableTaskGraph;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.conformance.ConformanceKernels;
import org.junit.jupiter.api.Test;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static dev.mamba2j.tornado.api.DataTransferMode.FIRST_EXECUTION;
import static dev.mamba2j.tornado.api.DataTransferMode.UNDER_DEMAND;
import static dev.mamba2j.tornado.api.ExecutionProfile.Direction.TO_DEVICE;
import static dev.mamba2j.tornado.api.ExecutionProfile.Direction.TO_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runtime's device path (separate memory, copies, kernel cache) on a stand-in device. */
class DevicePathTest {
    private static final int N = 100;

    private static ImmutableTaskGraph addOne(FloatArray in, FloatArray out, int n, boolean firstOnly) {
        return new TaskGraph("t").transferToDevice(firstOnly ? FIRST_EXECUTION : EVERY_EXECUTION, in)
                .task("k", ConformanceKernels::addOne, new KernelContext(), in, out, n)
                .transferToHost(EVERY_EXECUTION, out).snapshot();
    }

    @Test
    void replayedLaunchesComputeWhatLaunchesDoRecordedOncePerGrids() {
        CopyingDevice device = CopyingDevice.open("test:replay");
        device.records = true;
        FloatArray in = new FloatArray(N), mid = new FloatArray(N), out = new FloatArray(N);
        ImmutableTaskGraph g = new TaskGraph("r").transferToDevice(EVERY_EXECUTION, in)
                .task("k1", ConformanceKernels::addOne, new KernelContext(), in, mid, N)
                .task("k2", ConformanceKernels::addOne, new KernelContext(), mid, out, N)
                .transferToHost(EVERY_EXECUTION, out).snapshot();
        try (ExecutionPlan plan = new ExecutionPlan(g).withDevice(device).withGrid("k1", WorkerGrid.of1D(N))
                .withGrid("k2", WorkerGrid.of1D(N)).withReplay(true)) {
            for (int run = 0; run < 5; run++) {
                if (run == 3) plan.withGrid("k2", WorkerGrid.of1D(N).setLocalWork(10)); // another grid: recorded again
                for (int i = 0; i < N; i++) in.set(i, run * 1000 + i);
                out.init(Float.NaN);
                ExecutionProfile p = plan.execute().profile();
                for (int i = 0; i < N; i++) assertEquals(run * 1000 + i + 2, out.get(i), "run " + run + " element " + i);
                assertEquals(run == 0 ? 0 : run < 3 ? 1 : 2, device.recordings.get(), "recordings after run " + run);
                assertEquals(run, device.replays.get(), "replays after run " + run);
                assertEquals(run == 0 ? 0 : 2, p.replayedNanos(), "run " + run + ": the stand-in times a replay as its launch count");
            }
        }
        device.recordings.set(0);
        try (ExecutionPlan plan = new ExecutionPlan(g).withDevice(device).withGrid("k1", WorkerGrid.of1D(N)).withGrid("k2", WorkerGrid.of1D(N))) {
            for (int run = 0; run < 3; run++) plan.execute();
        }
        assertEquals(0, device.recordings.get(), "nothing is recorded unless the plan asks for replay");
    }

    @Test
    void plansDroppedWithoutCloseFreeTheirBuffersWhenCollected() throws InterruptedException {
        CopyingDevice device = CopyingDevice.open("test:dropped");
        for (int plan = 0; plan < 50; plan++) {
            FloatArray in = new FloatArray(N), out = new FloatArray(N);
            new ExecutionPlan(addOne(in, out, N, false)).withDevice(device).withGrid("k", WorkerGrid.of1D(N)).execute();
        }
        assertTrue(device.liveBuffers.get() > 0, "the plans' buffers are taken until the plans are collected");
        for (int i = 0; i < 200 && device.liveBuffers.get() > 0; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(0, device.liveBuffers.get(), "buffers of unreachable plans");
        assertEquals(0, DeviceRuntime.of(device).liveBuffers());
    }

    @Test
    void aResultKeepsItsPlanOpen() {
        CopyingDevice device = CopyingDevice.open("test:result");
        FloatArray in = new FloatArray(N), out = new FloatArray(N);
        in.init(1f);
        ExecutionResult r = new ExecutionPlan(new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in)
                .task("k", ConformanceKernels::addOne, new KernelContext(), in, out, N).transferToHost(UNDER_DEMAND, out).snapshot())
                .withDevice(device).withGrid("k", WorkerGrid.of1D(N)).execute();
        for (int i = 0; i < 5; i++) System.gc();
        r.transferToHost(out); // the plan is reachable through its result, so still open
        assertEquals(2f, out.get(N - 1));
    }

    @Test
    void kernelsCompileOncePerMethodSpecialisationAndDevice() {
        CopyingDevice device = CopyingDevice.open("test:cache");
        FloatArray in = new FloatArray(N), out = new FloatArray(N);
        for (int plan = 0; plan < 3; plan++)
            try (ExecutionPlan p = new ExecutionPlan(addOne(in, out, N, false)).withDevice(device).withGrid("k", WorkerGrid.of1D(N))) {
                p.execute();
                p.execute();
            }
        assertEquals(1, device.compilations.get(), "same method, same specialised n, same device");
        FloatArray half = new FloatArray(N / 2); // all of it written, as checked mode requires of what is copied back
        try (ExecutionPlan p = new ExecutionPlan(addOne(in, half, N / 2, false)).withDevice(device).withGrid("k", WorkerGrid.of1D(N))) {
            p.execute();
        }
        assertEquals(2, device.compilations.get(), "another value of the specialised n");
        assertEquals(device.compilations.get(), DeviceRuntime.of(device).compilations());
    }

    @Test
    void firstExecutionKeepsTheFirstCopyAndEveryExecutionTakesTheNewData() {
        CopyingDevice device = CopyingDevice.open("test:modes");
        for (boolean firstOnly : new boolean[] {true, false}) {
            FloatArray in = new FloatArray(N), out = new FloatArray(N);
            in.init(1f);
            try (ExecutionPlan p = new ExecutionPlan(addOne(in, out, N, firstOnly)).withDevice(device).withGrid("k", WorkerGrid.of1D(N))) {
                ExecutionProfile first = p.execute().profile();
                assertEquals(N * 4L, first.bytes(TO_DEVICE));
                assertEquals(N * 4L, first.bytes(TO_HOST));
                in.init(10f);
                out.init(Float.NaN);
                ExecutionProfile second = p.execute().profile();
                assertEquals(firstOnly ? 0 : 1, second.copies(in, TO_DEVICE));
                assertEquals(firstOnly ? 2f : 11f, out.get(N - 1), "device copy of the input (firstOnly=" + firstOnly + ")");
            }
        }
    }

    @Test
    void underDemandLeavesTheHostUntouchedUntilAsked() {
        CopyingDevice device = CopyingDevice.open("test:demand");
        FloatArray in = new FloatArray(N), out = new FloatArray(N);
        in.init(4f);
        out.init(Float.NaN);
        ImmutableTaskGraph g = new TaskGraph("t").transferToDevice(EVERY_EXECUTION, in)
                .task("k", ConformanceKernels::scale, new KernelContext(), in, out, 0.5f, N)
                .transferToHost(UNDER_DEMAND, out).snapshot();
        try (ExecutionPlan p = new ExecutionPlan(g).withDevice(device).withGrid("k", WorkerGrid.of1D(N))) {
            ExecutionResult r = p.execute();
            assertTrue(Float.isNaN(out.get(0)));
            r.transferToHost(out);
            assertEquals(2f, out.get(0));
            assertEquals(1, r.profile().copies(out, TO_HOST));
        }
    }

    @Test
    void closingAndSwitchingDevicesFreeBuffers() {
        CopyingDevice a = CopyingDevice.open("test:a"), b = CopyingDevice.open("test:b");
        FloatArray in = new FloatArray(N), out = new FloatArray(N);
        ExecutionPlan p = new ExecutionPlan(addOne(in, out, N, true)).withDevice(a).withGrid("k", WorkerGrid.of1D(N));
        p.execute();
        assertEquals(2, a.liveBuffers.get());
        assertEquals(2, DeviceRuntime.of(a).liveBuffers());
        p.withDevice(b).execute();
        assertEquals(0, a.liveBuffers.get(), "buffers of the previous device");
        assertEquals(2, b.liveBuffers.get());
        p.close();
        assertEquals(0, b.liveBuffers.get());
        assertEquals(0, DeviceRuntime.of(b).liveBytes());
    }
}
