package dev.mamba2j.tornado.api;

import dev.mamba2j.tornado.api.arrays.NativeArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@code execute()} did: device time of each kernel, every copy with its size and device
 * time, and the host's wall time for the whole call. Copies the transfer modes skipped are not
 * listed; on the JVM device copies are listed with 0 bytes, since its buffers are the host arrays.
 */
public final class ExecutionProfile {
    public enum Direction { TO_DEVICE, TO_HOST }

    /** One copy (or, on the JVM device, one copy the mode asked for and that moved nothing). */
    public record Transfer(NativeArray array, Direction direction, DataTransferMode mode, long bytes, long deviceNanos) {}

    private final String[] taskNames;
    private final long[] kernelNanos;
    private final List<Transfer> transfers = Collections.synchronizedList(new ArrayList<>());
    private long totalHostNanos, replayedNanos;

    /** For the runtime: one slot per task, filled as the tasks run. */
    public ExecutionProfile(String[] taskNames) {
        this.taskNames = taskNames;
        this.kernelNanos = new long[taskNames.length];
    }

    /** For the runtime. */
    public void recordKernel(int task, long nanos) { kernelNanos[task] = nanos; }

    /** For the runtime. */
    public void recordTransfer(Transfer t) { transfers.add(t); }

    /** For the runtime. */
    public void recordTotal(long nanos) { totalHostNanos = nanos; }

    /** For the runtime: device time of launches replayed from a recording, which are not timed one by one. */
    public void recordReplayed(long nanos) { replayedNanos += nanos; }

    /**
     * Device time in ns of the kernels that ran replayed (see {@code ExecutionPlan.withReplay}): counted in
     * {@link #totalKernelNanos()}, while their tasks read 0 in {@link #kernelTimes()}.
     */
    public long replayedNanos() { return replayedNanos; }

    /** Device time of one task's kernel in ns; {@code task} as "graph.task" or, when unique, "task". */
    public long kernelNanos(String task) {
        for (int i = 0; i < taskNames.length; i++)
            if (taskNames[i].equals(task) || taskNames[i].endsWith("." + task)) return kernelNanos[i];
        throw new IllegalArgumentException("no task '" + task + "' in this profile; tasks: " + String.join(", ", taskNames));
    }

    /** Device time per task ("graph.task" -> ns), in execution order. */
    public Map<String, Long> kernelTimes() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < taskNames.length; i++) m.put(taskNames[i], kernelNanos[i]);
        return m;
    }

    /** Device time of all kernels in ns. */
    public long totalKernelNanos() {
        long s = replayedNanos;
        for (long k : kernelNanos) s += k;
        return s;
    }

    public List<Transfer> transfers() {
        synchronized (transfers) { return List.copyOf(transfers); }
    }

    /** Copies of {@code array} in {@code direction} during this execute (and later under-demand copies). */
    public long copies(NativeArray array, Direction direction) {
        return transfers().stream().filter(t -> t.array() == array && t.direction() == direction).count();
    }

    public long bytes(Direction direction) {
        return transfers().stream().filter(t -> t.direction() == direction).mapToLong(Transfer::bytes).sum();
    }

    public long transferNanos(Direction direction) {
        return transfers().stream().filter(t -> t.direction() == direction).mapToLong(Transfer::deviceNanos).sum();
    }

    /** Host wall time of the execute() call in ns. */
    public long totalHostNanos() { return totalHostNanos; }

    /** TornadoVM's name: device time of all kernels in ns. */
    public long getDeviceKernelTime() { return totalKernelNanos(); }

    /** TornadoVM's name: host wall time of the execute() call in ns. */
    public long getTotalTime() { return totalHostNanos; }

    /** TornadoVM's name: device time of the host-to-device copies in ns. */
    public long getDeviceWriteTime() { return transferNanos(Direction.TO_DEVICE); }

    /** TornadoVM's name: device time of the device-to-host copies in ns. */
    public long getDeviceReadTime() { return transferNanos(Direction.TO_HOST); }

    @Override public String toString() {
        return "kernels " + kernelTimes() + " ns, to device " + bytes(Direction.TO_DEVICE) + " B in " + transferNanos(Direction.TO_DEVICE)
                + " ns, to host " + bytes(Direction.TO_HOST) + " B in " + transferNanos(Direction.TO_HOST) + " ns, host total "
                + totalHostNanos + " ns";
    }
}
