package dev.mamba2j.bench;

import dev.mamba2j.tornado.api.ExecutionProfile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Warm-up, then timed repeats of one graph execution, timed by the device: the sum of the kernels'
 * device times from each execution's profile (copies excluded), per task too, and the host's wall
 * time of each {@code execute()} for reference.
 *
 * @param device    device time of all kernels per execution
 * @param host      host wall time per execution (copies and launch overhead included)
 * @param perTask   median device time per task, in execution order
 */
record Timed(Stats device, Stats host, Map<String, Double> perTask) {

    static Timed measure(Supplier<ExecutionProfile> execute, int warmup, int repeats) {
        for (int i = 0; i < warmup; i++) execute.get();
        int n = Math.max(1, repeats);
        long[] device = new long[n], host = new long[n];
        Map<String, long[]> tasks = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            ExecutionProfile p = execute.get();
            host[i] = System.nanoTime() - start;
            device[i] = p.totalKernelNanos();
            int r = i;
            p.kernelTimes().forEach((task, ns) -> tasks.computeIfAbsent(shortName(task), k -> new long[n])[r] = ns);
        }
        Map<String, Double> perTask = new LinkedHashMap<>();
        tasks.forEach((task, ns) -> perTask.put(task, Stats.of(ns).medianNs()));
        return new Timed(Stats.of(device), Stats.of(host), perTask);
    }

    /** "graph.task" -> "task". */
    static String shortName(String task) { return task.substring(task.lastIndexOf('.') + 1); }
}
