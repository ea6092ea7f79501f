package dev.mamba2j.bench;

import dev.mamba2j.model.Mamba2Model;
import dev.mamba2j.model.ModelLoader;
import dev.mamba2j.model.generate.ModelPlan;
import dev.mamba2j.model.layers.Precision;
import dev.mamba2j.model.layers.Sampler;
import dev.mamba2j.tornado.api.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Language-model throughput with random weights of a published shape: prefill tokens/s (the prompts'
 * forward, host wall time to the first tokens) and decode tokens/s (steps of the whole batch), with the
 * decode floor: the weights read once per step at the memory bandwidth.
 */
@Command(name = "model-bench", mixinStandardHelpOptions = true,
        description = "Prefill and decode tokens/s of a Mamba-2 (or hybrid) model shape with random weights; CSV and JSON into --out.")
final class ModelBenchCommand implements Callable<Integer> {
    @Mixin DeviceOption deviceOption;
    @Option(names = "--shapes", split = ",", defaultValue = "130m,2.7b", description = "model shapes (default: ${DEFAULT-VALUE})")
    List<String> shapes;
    @Option(names = "--dtype", defaultValue = "bf16", description = "weight storage (default: ${DEFAULT-VALUE})") String dtype;
    @Option(names = "--prefill-len", defaultValue = "2048", description = "prompt tokens per sequence (default: ${DEFAULT-VALUE})") int prefillLen;
    @Option(names = "--prefill-batch", split = ",", defaultValue = "1,8", description = "prompt batches (default: ${DEFAULT-VALUE})")
    List<Integer> prefillBatches;
    @Option(names = "--decode-batch", split = ",", defaultValue = "1,32", description = "decoding batches (default: ${DEFAULT-VALUE})")
    List<Integer> decodeBatches;
    @Option(names = "--decode-prompt", defaultValue = "16", description = "prompt tokens before the timed steps: the context attention layers read (default: ${DEFAULT-VALUE})")
    int decodePrompt;
    @Option(names = "--steps", defaultValue = "32", description = "timed decoding steps (default: ${DEFAULT-VALUE})") int steps;
    @Option(names = "--repeats", defaultValue = "3", description = "timed prefills, the median reported (default: ${DEFAULT-VALUE})") int repeats;
    @Option(names = "--bandwidth-gbs", defaultValue = "4800", description = "memory bandwidth for the decode floor, GB/s (default: ${DEFAULT-VALUE}, H200)")
    double bandwidth;
    @Option(names = "--out", defaultValue = "results/model-bench", description = "directory for model-bench.csv/json (default: ${DEFAULT-VALUE})")
    Path out;

    @Override public Integer call() {
        Device device = deviceOption.device();
        Precision precision = Precision.parse(dtype);
        Results results = new Results().meta("command", "model-bench").meta("device", device.id()).meta("device_name", device.name())
                .meta("dtype", dtype).meta("timing", "host wall time: prefill to the first tokens back; decode per step of the whole batch")
                .meta("bandwidth_gbs", bandwidth);
        for (String shape : shapes) {
            long t0 = System.nanoTime();
            Mamba2Model m = ModelLoader.random(ModelShapes.of(shape), precision, 1);
            System.out.printf(Locale.ROOT, "%s: %,d parameters, %s weights, made in %.1f s%n", shape, m.parameters(), dtype, (System.nanoTime() - t0) / 1e9);
            for (int b : prefillBatches) {
                prefill(results, device, m, shape, b);
                results.write(out, "model-bench"); // after every row: a run cut short keeps what it measured
            }
            for (int b : decodeBatches) {
                decode(results, device, m, shape, b);
                results.write(out, "model-bench");
            }
        }
        return 0;
    }

    private void prefill(Results results, Device device, Mamba2Model m, String shape, int batch) {
        int[] lengths = new int[batch];
        Arrays.fill(lengths, prefillLen);
        int[][] prompts = prompts(batch, prefillLen, m.config().vocabSize());
        try (ModelPlan plan = new ModelPlan(m, device, lengths, Sampler.GREEDY, false)) {
            plan.prefill(prompts); // warm-up: the driver's first launches
            long[] ns = new long[repeats];
            for (int r = 0; r < repeats; r++) {
                long t = System.nanoTime();
                plan.prefill(prompts);
                ns[r] = System.nanoTime() - t;
            }
            double ms = Stats.of(ns).medianMs(), tps = batch * prefillLen / (ms / 1e3);
            Map<String, Object> row = results.newRow();
            row.putAll(Map.of("shape", shape, "phase", "prefill", "batch", batch, "tokens", prefillLen, "ms", ms, "tokens_per_s", tps));
            System.out.printf(Locale.ROOT, "  prefill %d x %d: %.1f ms, %.0f tokens/s | %s%n", batch, prefillLen, ms, tps, top(plan));
        }
    }

    private void decode(Results results, Device device, Mamba2Model m, String shape, int batch) {
        int[] lengths = new int[batch];
        Arrays.fill(lengths, decodePrompt);
        try (ModelPlan plan = new ModelPlan(m, device, lengths, Sampler.GREEDY, false, decodePrompt + steps + 4)) {
            plan.prefill(prompts(batch, decodePrompt, m.config().vocabSize()));
            for (int i = 0; i < 3; i++) plan.step();
            long t = System.nanoTime();
            for (int i = 0; i < steps; i++) plan.step();
            double msPerStep = (System.nanoTime() - t) / 1e6 / steps, tps = batch / (msPerStep / 1e3);
            double floorMs = m.weightBytesPerStep() / (bandwidth * 1e9) * 1e3;
            Map<String, Object> row = results.newRow();
            row.putAll(Map.of("shape", shape, "phase", "decode", "batch", batch, "ms", msPerStep, "tokens_per_s", tps,
                    "floor_ms", floorMs, "x_floor", msPerStep / floorMs, "launches_per_step", plan.tasksPerStep()));
            row.putAll(Map.of("context", decodePrompt + steps + 3, "kv_cache_bytes", plan.kvCacheBytes()));
            long replayed = plan.lastProfile().totalKernelNanos();
            plan.profiledStep(); // kernel by kernel, for the breakdown
            long kernels = plan.lastProfile().totalKernelNanos();
            row.putAll(Map.of("device_ms", replayed / 1e6, "profiled_kernels_ms", kernels / 1e6));
            System.out.printf(Locale.ROOT, "  decode batch %d: %.3f ms per step (device %.3f ms replayed; launched one by one: kernels %.3f ms, %d launches),"
                            + " %.1f tokens/s; floor %.3f ms (%.1fx) | %s%n",
                    batch, msPerStep, replayed / 1e6, kernels / 1e6, plan.tasksPerStep(), tps, floorMs, msPerStep / floorMs, top(plan));
        }
    }

    /** The costliest kinds of task of the last run (summed over layers), eight at most. */
    private static String top(ModelPlan plan) {
        Map<String, Long> byKind = new TreeMap<>();
        plan.lastProfile().kernelTimes().forEach((task, ns) -> {
            if (ns > 0) byKind.merge(task.replaceFirst("^[a-z]+\\.", "").replaceFirst("^l\\d+_", ""), ns, Long::sum);
        });
        return String.join(", ", byKind.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(8)
                .map(e -> String.format(Locale.ROOT, "%s %.2f ms", e.getKey(), e.getValue() / 1e6)).toList());
    }

    private static int[][] prompts(int batch, int len, int vocab) {
        int[][] p = new int[batch][len];
        for (int s = 0; s < batch; s++) for (int t = 0; t < len; t++) p[s][t] = (int) ((s * 7919L + t * 104729L) % vocab);
        return p;
    }
}
