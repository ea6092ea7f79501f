package dev.mamba2j.bench;

import dev.mamba2j.kernels.attention.DecodeAttention;
import dev.mamba2j.kernels.attention.FlashAttention;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import static dev.mamba2j.tornado.api.DataTransferMode.FIRST_EXECUTION;

/**
 * The hybrid models' attention kernels on their own, timed by the device (the kernels' event times, medians
 * over repeats): the tiled causal prefill attention over {@code --tokens} tokens per call split into
 * sequences of each length (FLOP/s of the causal half: 4·heads·headDim·L(L+1)/2 per sequence), and the split
 * decoding attention of one new token per sequence over full caches of each context (bytes/s of the K and V
 * read). {@code --dtype bf16} (the default) stores k and v as bf16 ({@code prefillBf16}, {@code partialBf16};
 * q stays fp32, read once per work-group), fp32 stores them as fp32 holding bf16-rounded values; either way the prefill's TF32
 * tensor-core products ({@code --tf32}, the default) are exact on its inputs. The PyTorch side:
 * benchmarks/scripts/attention_sdpa.py.
 */
@Command(name = "attention-bench", mixinStandardHelpOptions = true,
        description = "Device-timed prefill (tiled, causal) and decoding (split KV cache) attention; CSV and JSON into --out.")
final class AttentionBenchCommand implements Callable<Integer> {
    @Mixin DeviceOption deviceOption;
    @Option(names = "--heads", defaultValue = "32", description = "query heads (default: ${DEFAULT-VALUE})") int heads;
    @Option(names = "--head-dim", defaultValue = "128", description = "channels per head, a multiple of 8 up to 128 (default: ${DEFAULT-VALUE})")
    int headDim;
    @Option(names = "--prefill-kv-heads", defaultValue = "32", description = "key/value heads of the prefill runs (default: ${DEFAULT-VALUE})")
    int prefillKvHeads;
    @Option(names = "--decode-kv-heads", defaultValue = "8", description = "key/value heads of the decoding runs (default: ${DEFAULT-VALUE})")
    int decodeKvHeads;
    @Option(names = "--tokens", defaultValue = "65536", description = "prefill tokens per call, split into sequences of each length (default: ${DEFAULT-VALUE})")
    int tokens;
    @Option(names = "--lengths", split = ",", defaultValue = "512,1024,2048,4096,8192,16384", description = "prefill sequence lengths (default: ${DEFAULT-VALUE})")
    List<Integer> lengths;
    @Option(names = "--contexts", split = ",", defaultValue = "2048,8192,32768", description = "decoding cache lengths (default: ${DEFAULT-VALUE})")
    List<Integer> contexts;
    @Option(names = "--batches", split = ",", defaultValue = "1,32", description = "decoding batches (default: ${DEFAULT-VALUE})") List<Integer> batches;
    @Option(names = "--dtype", defaultValue = "bf16", description = "storage of k and v (the caches): bf16 or fp32 (default: ${DEFAULT-VALUE})")
    String dtype;
    @Option(names = "--tf32", defaultValue = "true", negatable = true, description = "prefill products on TF32 tensor cores (default: ${DEFAULT-VALUE})")
    boolean tf32;
    @Option(names = "--tiles", split = ",", description = "prefill tiles QUERYxKEY to time, e.g. 64x64,16x32 (default: the device's choice)")
    List<String> tiles = List.of();
    @Option(names = "--phases", split = ",", defaultValue = "prefill,decode", description = "prefill, decode (default: ${DEFAULT-VALUE})") List<String> phases;
    @Option(names = "--warmup", defaultValue = "2", description = "untimed runs (default: ${DEFAULT-VALUE})") int warmup;
    @Option(names = "--repeats", defaultValue = "10", description = "timed runs, the median reported (default: ${DEFAULT-VALUE})") int repeats;
    @Option(names = "--out", defaultValue = "results/attention-bench", description = "directory for attention-bench.csv/json (default: ${DEFAULT-VALUE})")
    Path out;

    @Override public Integer call() {
        if (headDim % 8 != 0 || headDim > FlashAttention.MAX_HEAD_DIM)
            throw new IllegalArgumentException("--head-dim must be a multiple of 8 up to " + FlashAttention.MAX_HEAD_DIM + ", got " + headDim);
        if (!dtype.equals("bf16") && !dtype.equals("fp32")) throw new IllegalArgumentException("--dtype must be bf16 or fp32, got " + dtype);
        Device device = deviceOption.device();
        Results results = new Results().meta("command", "attention-bench").meta("device", device.id()).meta("device_name", device.name())
                .meta("heads", heads).meta("head_dim", headDim).meta("tf32", tf32).meta("dtype", dtype)
                .meta("timing", "device event time of the attention kernels, median of " + repeats + " runs after " + warmup + " warm-up runs");
        List<FlashAttention.Tiles> sizes = tiles.isEmpty() ? List.of(FlashAttention.Tiles.forDevice(headDim, device.largestLocalMemoryBytes()))
                : tiles.stream().map(FlashAttention.Tiles::parse).toList();
        if (phases.contains("prefill"))
            for (int len : lengths)
                for (FlashAttention.Tiles t : sizes) {
                    prefill(results, device, len, t);
                    results.write(out, "attention-bench");
                }
        if (phases.contains("decode"))
            for (int context : contexts)
                for (int batch : batches) {
                    decode(results, device, context, batch);
                    results.write(out, "attention-bench");
                }
        return 0;
    }

    private void prefill(Results results, Device device, int len, FlashAttention.Tiles tile) {
        int batch = Math.max(1, tokens / len), rows = Math.multiplyExact(batch, len);
        TaskGraph g = prefillGraph(batch, len, heads, prefillKvHeads, headDim, tile, dtype.equals("bf16"), tf32);
        int tiles = tile.count(len);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device)
                .withGrid("prefill", prefillGrid(batch, len, heads, tile))) {
            Timed t = Timed.measure(() -> plan.execute().profile(), warmup, repeats);
            double ms = t.device().medianMs();
            double flops = 4.0 * batch * heads * headDim * ((double) len * (len + 1) / 2);
            put(results.newRow(), "phase", "prefill", "seq_len", len, "tiles", tile.toString(), "batch", batch, "kv_heads", prefillKvHeads, "ms", ms, "tflops", flops / (ms / 1e3) / 1e12,
                    "tokens_per_s", rows / (ms / 1e3), "ms_p10", t.device().p10Ms(), "ms_p90", t.device().p90Ms());
            System.out.printf(Locale.ROOT, "prefill L %6d x %3d sequences, tiles %5s: %9.3f ms  %7.1f TFLOP/s (causal)  %,.0f tokens/s%n", len, batch, tile, ms,
                    flops / (ms / 1e3) / 1e12, rows / (ms / 1e3));
        }
    }

    /**
     * The prefill attention over {@code batch} sequences of {@code len} tokens (q fp32, k and v bf16 when
     * {@code bf16}, else fp32 holding bf16-rounded values), one task "prefill" whose grid is
     * {@link #prefillGrid}; the inputs are sent on the first execution.
     */
    static TaskGraph prefillGraph(int batch, int len, int heads, int kvHeads, int headDim, FlashAttention.Tiles tile, boolean bf16, boolean tf32) {
        int rows = Math.multiplyExact(batch, len), qWidth = heads * headDim, kvWidth = kvHeads * headDim;
        FloatArray o = new FloatArray(Math.multiplyExact(rows, qWidth));
        IntArray seqStart = new IntArray(batch + 1);
        for (int s = 0; s <= batch; s++) seqStart.set(s, s * len);
        int tiles = tile.count(len);
        float scale = (float) (1 / Math.sqrt(headDim));
        TaskGraph g = new TaskGraph("attn");
        FloatArray q = filled(Math.multiplyExact(rows, qWidth), 1);
        if (bf16) {
            BFloat16Array k = filled16(Math.multiplyExact(rows, kvWidth), 2), v = filled16(rows * kvWidth, 3);
            return g.transferToDevice(FIRST_EXECUTION, q, k, v, seqStart).task("prefill", FlashAttention::prefillBf16, new KernelContext(), q, k, v,
                    o, seqStart, heads, kvHeads, headDim, len, tile.query(), tile.key(), tiles, scale, tf32);
        }
        FloatArray k = filled(Math.multiplyExact(rows, kvWidth), 2), v = filled(rows * kvWidth, 3);
        return g.transferToDevice(FIRST_EXECUTION, q, k, v, seqStart).task("prefill", FlashAttention::prefill, new KernelContext(), q, k, v, o,
                seqStart, heads, kvHeads, headDim, len, tile.query(), tile.key(), tiles, scale, tf32);
    }

    /** The grid of {@link #prefillGraph}'s task. */
    static WorkerGrid prefillGrid(int batch, int len, int heads, FlashAttention.Tiles tile) {
        return WorkerGrid.of1D(FlashAttention.THREADS * tile.count(len) * heads * batch).setLocalWork(FlashAttention.THREADS);
    }

    private void decode(Results results, Device device, int context, int batch) {
        int qWidth = heads * headDim, kvWidth = decodeKvHeads * headDim;
        long cacheSize = (long) batch * context * kvWidth;
        if (cacheSize > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException("a cache of batch " + batch + " × context " + context + " × " + kvWidth + " is more than one array holds");
        FloatArray q = filled(batch * qWidth, 4), o = new FloatArray(batch * qWidth);
        IntArray positions = new IntArray(batch);
        positions.init(context - 1);
        int split = DecodeAttention.split(context), splits = DecodeAttention.splits(context, split);
        FloatArray partials = new FloatArray(Math.toIntExact(DecodeAttention.partialSize(batch, heads, splits, headDim)));
        KernelContext ctx = new KernelContext();
        float scale = (float) (1 / Math.sqrt(headDim));
        TaskGraph g = new TaskGraph("attn");
        if (dtype.equals("bf16")) {
            BFloat16Array k = filled16((int) cacheSize, 5), v = filled16((int) cacheSize, 6);
            g.transferToDevice(FIRST_EXECUTION, q, k, v, positions).task("partial", DecodeAttention::partialBf16, ctx, q, k, v, positions, partials,
                    heads, decodeKvHeads, headDim, context, split, splits, scale);
        } else {
            FloatArray k = filled((int) cacheSize, 5), v = filled((int) cacheSize, 6);
            g.transferToDevice(FIRST_EXECUTION, q, k, v, positions).task("partial", DecodeAttention::partial, ctx, q, k, v, positions, partials,
                    heads, decodeKvHeads, headDim, context, split, splits, scale);
        }
        g.task("combine", DecodeAttention::combine, ctx, partials, positions, o, heads, headDim, split, splits);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device)
                .withGrid("partial", WorkerGrid.of1D(DecodeAttention.THREADS * splits * decodeKvHeads * batch).setLocalWork(DecodeAttention.THREADS))
                .withGrid("combine", WorkerGrid.of1D(headDim * heads * batch).setLocalWork(headDim))) {
            Timed t = Timed.measure(() -> plan.execute().profile(), warmup, repeats);
            double ms = t.device().medianMs(), bytes = 2.0 * cacheSize * (dtype.equals("bf16") ? 2 : Float.BYTES);
            put(results.newRow(), "phase", "decode", "context", context, "batch", batch, "kv_heads", decodeKvHeads, "split", split, "ms", ms,
                    "gb_per_s", bytes / (ms / 1e3) / 1e9, "partial_ms", t.perTask().getOrDefault("partial", Double.NaN) / 1e6,
                    "combine_ms", t.perTask().getOrDefault("combine", Double.NaN) / 1e6);
            System.out.printf(Locale.ROOT, "decode context %6d batch %3d: %8.4f ms (partial %.4f, combine %.4f)  K+V read at %6.0f GB/s%n", context, batch, ms,
                    t.perTask().getOrDefault("partial", Double.NaN) / 1e6, t.perTask().getOrDefault("combine", Double.NaN) / 1e6, bytes / (ms / 1e3) / 1e9);
        }
    }

    /** Puts key, value, key, value, … into the row in this order (the CSV's column order). */
    private static void put(Map<String, Object> row, Object... keyValues) {
        for (int i = 0; i < keyValues.length; i += 2) row.put((String) keyValues[i], keyValues[i + 1]);
    }

    /** {@link #filled}'s values stored as bf16. */
    static BFloat16Array filled16(int n, int seed) {
        BFloat16Array a = new BFloat16Array(n);
        int chunk = 1 << 20;
        IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(c -> {
            for (int i = c * chunk, end = Math.min(n, i + chunk); i < end; i++) a.set(i, value(i, seed));
        });
        return a;
    }

    /** n values in [-1, 1) rounded to bf16 (a cheap hash of the index, filled in parallel: a 32K-token cache holds a billion). */
    static FloatArray filled(int n, int seed) {
        FloatArray a = new FloatArray(n);
        int chunk = 1 << 20;
        IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(c -> {
            for (int i = c * chunk, end = Math.min(n, i + chunk); i < end; i++) a.set(i, value(i, seed));
        });
        return a;
    }

    private static float value(int i, int seed) {
        long h = (i + 0x9E3779B97F4A7C15L * seed) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        float x = (h >>> 40) / (float) (1 << 24) * 2f - 1f;
        return BFloat16Array.toFloat(BFloat16Array.toBits(x));
    }
}
