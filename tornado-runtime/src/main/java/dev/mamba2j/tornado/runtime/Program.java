package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.driver.DeviceBuffer;
import dev.mamba2j.tornado.jit.KernelJit;
import dev.mamba2j.tornado.jit.pass.ArrayParams;
import dev.mamba2j.tornado.jit.pass.BoundsChecks;
import dev.mamba2j.tornado.driver.jvm.JvmKernel;
import dev.mamba2j.tornado.api.DataTransferMode;
import dev.mamba2j.tornado.api.ExecutionProfile;
import dev.mamba2j.tornado.api.ExecutionProfile.Direction;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.NativeArray;
import dev.mamba2j.tornado.driver.DeviceSession;
import dev.mamba2j.tornado.driver.KernelArg;
import dev.mamba2j.tornado.api.spi.GraphOp;
import dev.mamba2j.tornado.api.spi.TaskSpec;
import dev.mamba2j.tornado.emit.KernelCode;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan prepared for one device: one buffer per array (shared by every task and graph of the
 * plan, so data produced by one task stays on the device for the next), kernels built, launch
 * arguments bound. Running it only walks the steps.
 */
final class Program implements AutoCloseable {
    private final DeviceRuntime device;
    /** Checked mode, read once: every array gets a poisoned buffer (the JVM device too) and residency is followed. */
    private final boolean checked = KernelJit.checked();
    private final Map<NativeArray, Resident> residents = new IdentityHashMap<>();
    private final List<DeviceBuffer> errorBuffers = new ArrayList<>();
    private final Step[] steps;
    /** The graph each step belongs to. */
    private final int[] stepGraph;
    /** The run of consecutive launches (of one graph, two or more) that starts at each step, else null. */
    private final Recorded[] recordedAt;

    Program(DeviceRuntime device, List<GraphOp> ops, int[] opGraph, List<TaskSpec> tasks) {
        this.device = device;
        List<Step> list = new ArrayList<>();
        List<Integer> graphs = new ArrayList<>();
        try {
            for (int o = 0; o < ops.size(); o++) {
                GraphOp op = ops.get(o);
                int before = list.size();
                switch (op) {
                    case GraphOp.ToDevice t -> { for (NativeArray a : t.arrays()) list.add(new Step.Copy(device, resident(a), Direction.TO_DEVICE, t.mode())); }
                    case GraphOp.ToHost t -> { for (NativeArray a : t.arrays()) list.add(new Step.Copy(device, resident(a), Direction.TO_HOST, t.mode())); }
                    case GraphOp.Run r -> list.add(launch(r.task(), tasks.indexOf(r.task())));
                }
                for (int i = before; i < list.size(); i++) graphs.add(opGraph[o]);
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        this.steps = list.toArray(Step[]::new);
        this.stepGraph = graphs.stream().mapToInt(Integer::intValue).toArray();
        this.recordedAt = new Recorded[steps.length];
        for (int i = 0; i < steps.length; ) {
            int end = i;
            while (end < steps.length && steps[end] instanceof Step.DeviceLaunch && stepGraph[end] == stepGraph[i]) end++;
            if (end - i >= 2) recordedAt[i] = new Recorded(i, end);
            i = Math.max(end, i + 1);
        }
    }

    private Step launch(TaskSpec task, int index) {
        Object[] args = task.args();
        for (Object a : args) if (a instanceof NativeArray array) resident(array);
        try {
            if (device.isHost()) {
                JvmKernel kernel = device.javaKernel(task.method(), args);
                if (!checked) return new Step.HostLaunch(kernel.bind(args), index);
                return new Step.CheckedHostLaunch(kernel, onDevice(args), residency(task, Compilation.arrays(task.method(), args), args),
                        new UnsentArrays(), index);
            }
            DeviceRuntime.Built kernel = device.kernel(task.method(), args);
            return deviceLaunch(kernel, args, index, checked ? residency(task, kernel.compiled().arrays(), args) : null);
        } catch (RuntimeException e) {
            throw new IllegalStateException("task " + task.qualifiedName() + " (" + task.methodName() + ") cannot run on "
                    + device.device().id() + ": " + e.getMessage(), e);
        }
    }

    private LaunchResidency residency(TaskSpec task, ArrayParams arrays, Object[] args) {
        Resident[] byIndex = new Resident[args.length];
        for (int i = 0; i < args.length; i++) if (args[i] instanceof NativeArray a) byIndex[i] = resident(a);
        return new LaunchResidency(task.qualifiedName(), task.methodName(), arrays, byIndex);
    }

    /** The JVM device in checked mode: the arguments with each array replaced by the same array over its device copy. */
    private Object[] onDevice(Object[] args) {
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++)
            if (out[i] instanceof NativeArray a) out[i] = a.withMemory(device.hostMemory(resident(a).buffer));
        return out;
    }

    private Step deviceLaunch(DeviceRuntime.Built kernel, Object[] args, int index, LaunchResidency residency) {
        List<KernelArg> bound = new ArrayList<>();
        DeviceBuffer errors = null;
        for (KernelCode.Param p : kernel.compiled().code().params()) {
            if (p.javaIndex() == BoundsChecks.ERRORS_INDEX) {
                // checked mode: this launch's own error buffer, zeroed once and after each error it reports
                errors = device.allocate(BoundsChecks.ERRORS_INTS * 4L);
                errorBuffers.add(errors);
                Step.DeviceLaunch.clearErrors(device, errors);
                bound.add(new KernelArg.Buffer(errors));
                continue;
            }
            Object a = args[p.javaIndex()];
            bound.add(switch (p.kind()) {
                case BUFFER -> new KernelArg.Buffer(resident((NativeArray) a).buffer);
                case ARRAY_LENGTH -> new KernelArg.Int(((NativeArray) a).getSize());
                case SCALAR -> switch (a) {
                    case Integer i -> new KernelArg.Int(i);
                    case Long l -> new KernelArg.Long(l);
                    case Float f -> new KernelArg.Float(f);
                    case Double d -> new KernelArg.Double(d);
                    case Boolean b -> new KernelArg.Int(b ? 1 : 0);
                    default -> throw new IllegalStateException("unsupported scalar argument " + a);
                };
            });
        }
        return new Step.DeviceLaunch(device, kernel, List.copyOf(bound), index, errors, residency);
    }

    /** The buffer of an array, shared by every view of the same memory. */
    private Resident resident(NativeArray array) {
        return residents.computeIfAbsent(array.storage(), a -> {
            if (device.isHost() && !checked) return new Resident(a, null, false);
            DeviceBuffer b = device.allocate(Math.max(1, a.getNumBytes()));
            if (checked) Residency.poison(device, b);
            return new Resident(a, b, checked);
        });
    }

    /**
     * Runs the steps of graph {@code graph}, or all of them when it is negative. Consecutive kernels are
     * enqueued without waiting for each other; the device is waited for before a copy (whose data the
     * kernels may be writing) and at the end, and then the kernels' device times are recorded. With
     * {@code replay}, runs of consecutive kernels that ran before are replayed from a recording ({@link Recorded}).
     */
    void run(ExecutionProfile profile, WorkerGrid[] grids, int graph, boolean replay) {
        List<Timed> pending = new ArrayList<>();
        try {
            for (int i = 0; i < steps.length; i++) {
                if (graph >= 0 && stepGraph[i] != graph) continue;
                Recorded run = recordedAt[i];
                if (replay && run != null && run.replays()) {
                    DeviceSession.Pending all = run.replay(device, steps, grids);
                    if (all != null) {
                        pending.add(new Timed(REPLAYED, all, run.from, run.to));
                        i = run.to - 1;
                        continue;
                    }
                }
                if (run != null) run.ranOnce();
                if (steps[i] instanceof Step.DeviceLaunch launch) {
                    launch.beforeEnqueue();
                    pending.add(new Timed(launch.task(), launch.enqueue(grids), i, i + 1));
                } else {
                    settle(profile, pending);
                    steps[i].run(profile, grids);
                }
            }
            settle(profile, pending);
        } catch (RuntimeException | Error e) {
            // the launches already enqueued still run: wait for them and let go of their timers
            try {
                device.finish();
                for (Timed t : pending) t.pending.nanos();
            } catch (RuntimeException late) {
                e.addSuppressed(late);
            }
            throw e;
        }
    }

    /** The launches of steps [from, to) (one, or with task REPLAYED a replayed run) waiting for their device time. */
    private record Timed(int task, DeviceSession.Pending pending, int from, int to) {}

    private static final int REPLAYED = -1;

    /** Waits for the enqueued kernels and records their device times. */
    private void settle(ExecutionProfile profile, List<Timed> pending) {
        if (pending.isEmpty()) return;
        try {
            device.finish();
            for (Timed t : pending) {
                long ns = t.pending.nanos();
                if (t.task == REPLAYED) profile.recordReplayed(ns);
                else profile.recordKernel(t.task, ns);
            }
            for (Timed t : pending) for (int k = t.from; k < t.to; k++) ((Step.DeviceLaunch) steps[k]).checkErrors();
        } finally {
            pending.clear();
        }
    }

    void copyToHost(NativeArray array, ExecutionProfile profile) {
        Resident r = residents.get(array.storage());
        if (r == null) throw new IllegalArgumentException("this array is not used by the plan, so it has no device copy");
        Step.Copy.copy(device, r, Direction.TO_HOST, DataTransferMode.UNDER_DEMAND, profile);
    }

    @Override public void close() {
        for (Recorded r : recordedAt == null ? new Recorded[0] : recordedAt) if (r != null) r.close();
        for (Resident r : residents.values()) if (r.buffer != null) device.free(r.buffer);
        residents.clear();
        for (DeviceBuffer b : errorBuffers) device.free(b);
        errorBuffers.clear();
    }
}
