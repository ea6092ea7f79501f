package dev.mamba2j.bench;

import dev.mamba2j.kernels.ssd.SsdTiling;
import dev.mamba2j.ssd.SsdShape;
import dev.mamba2j.tornado.api.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The SSD forward of a paper-sized layer (heads 64 × headdim 64, one group, chunk 256) over
 * sequence lengths at a constant number of tokens per call and over d_state: device time
 * (median, p10, p90 over the repeats), tokens/s, achieved GB/s and TFLOP/s next to the floors,
 * and the time of each task.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Time the SSD forward over sequence lengths and d_state; CSV and JSON into --out.")
final class SweepCommand implements Callable<Integer> {
    @Mixin DeviceOption deviceOption;
    @Mixin Peaks peaks;
    @Option(names = "--heads", defaultValue = "64", description = "SSM heads (default: ${DEFAULT-VALUE})") int heads;
    @Option(names = "--head-dim", defaultValue = "64", description = "channels per head (default: ${DEFAULT-VALUE})") int headDim;
    @Option(names = "--groups", defaultValue = "1", description = "groups of heads sharing B and C (default: ${DEFAULT-VALUE})") int groups;
    @Option(names = "--chunk", defaultValue = "256", description = "SSD chunk length (default: ${DEFAULT-VALUE})") int chunk;
    @Option(names = "--d-state", split = ",", defaultValue = "16,64,128", description = "d_state values (default: ${DEFAULT-VALUE})")
    List<Integer> dStates;
    @Option(names = {"-L", "--lengths"}, split = ",", defaultValue = "512,1024,2048,4096,8192,16384,32768,65536,131072",
            description = "sequence lengths (default: ${DEFAULT-VALUE})")
    List<Integer> lengths;
    @Option(names = "--tokens", defaultValue = "65536", description = "tokens per call: batch = tokens / L, at least 1 (default: ${DEFAULT-VALUE})")
    int tokens;
    @Option(names = "--dtype", defaultValue = "fp32", description = "fp32 or bf16: how x, dt, B, C and y are stored on the device (states stay fp32)")
    String dtype;
    @Option(names = "--warmup", defaultValue = "5", description = "untimed runs per point (default: ${DEFAULT-VALUE})") int warmup;
    @Option(names = "--repeats", defaultValue = "50", description = "timed runs per point (default: ${DEFAULT-VALUE})") int repeats;
    @Option(names = "--out", defaultValue = "results", description = "directory for sweep.csv and sweep.json (default: ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--seed", defaultValue = "1", description = "input seed (default: ${DEFAULT-VALUE})") long seed;
    @Option(names = "--no-progress", description = "no progress bar") boolean noProgress;
    @Option(names = "--tiles", description = "the GEMM-shaped kernels' tiles: full (36.8 KiB of local memory), compact (27.5 KiB) or"
            + " small (10.5 KiB); default: the device's (SsdTiling.forDevice)") String tiles;

    @Override
    public Integer call() {
        Workloads.Dtype type = Workloads.Dtype.valueOf(dtype.toUpperCase(Locale.ROOT));
        Device device = deviceOption.device();
        SsdTiling tiling = tiles == null ? SsdTiling.forDevice(device) : SsdTiling.named(tiles);
        Peaks peak = peaks.resolve(device);
        Results results = new Results().meta("command", "sweep").meta("device", device.id()).meta("device_name", device.name())
                .meta("dtype", type.name().toLowerCase()).meta("heads", heads).meta("headdim", headDim).meta("groups", groups)
                .meta("chunk", chunk).meta("tokens_per_call", tokens).meta("warmup", warmup).meta("repeats", repeats)
                .meta("tiles", tiling.name())
                .meta("peak_gbs", peak.gbPerSecond).meta("peak_tflops", peak.tflopPerSecond)
                .meta("timing", "device time of all kernels per execute (profile), copies excluded");
        System.out.printf(Locale.ROOT, "SSD sweep on %s (%s), %s, %s tiles, heads=%d headdim=%d groups=%d chunk=%d, ~%d tokens per call, %d repeats%n",
                device.id(), device.name(), type.name().toLowerCase(), tiling.name(), heads, headDim, groups, chunk, tokens, repeats);
        System.out.println(header());
        List<int[]> points = new ArrayList<>();
        for (int n : dStates) for (int len : lengths) points.add(new int[] {n, len});
        try (Progress progress = new Progress("sweep", points.size(), !noProgress)) {
            for (int[] pt : points) {
                int n = pt[0], len = pt[1], batch = Math.max(1, tokens / len);
                progress.describe("d_state=" + n + " L=" + len);
                SsdShape shape = new SsdShape(batch, len, heads, headDim, groups, n);
                Timed t;
                try (Workloads.Workload w = Workloads.ssd(device, shape, chunk, type, seed, tiling)) {
                    t = Timed.measure(w::execute, warmup, repeats);
                }
                System.gc(); // frees the closed graph's host arrays (automatic arenas) before the next GiB is allocated
                Map<String, Object> row = row(results, shape, type, t, peak);
                System.out.println(line(row));
                progress.step();
                results.write(out, "sweep"); // after every point, so a run cut short keeps what it measured
            }
        }
        for (Path p : results.write(out, "sweep")) System.out.println("wrote " + p);
        return 0;
    }

    private Map<String, Object> row(Results results, SsdShape s, Workloads.Dtype type, Timed t, Peaks peak) {
        Work work = Work.ssd(s.batch(), s.seqLen(), s.heads(), s.headDim(), s.groups(), s.dState(), chunk, type.bytes);
        double ns = t.device().medianNs();
        double tokensPerCall = (double) s.batch() * s.seqLen();
        double bwFloor = work.bandwidthFloorMs(peak.gbPerSecond), flopFloor = work.computeFloorMs(peak.tflopPerSecond);
        double floor = Math.max(nanToZero(bwFloor), nanToZero(flopFloor));
        Map<String, Object> row = results.newRow();
        row.put("d_state", s.dState());
        row.put("L", s.seqLen());
        row.put("batch", s.batch());
        row.put("tokens", (long) tokensPerCall);
        row.put("dtype", type.name().toLowerCase());
        row.put("median_ms", t.device().medianMs());
        row.put("p10_ms", t.device().p10Ms());
        row.put("p90_ms", t.device().p90Ms());
        row.put("host_median_ms", t.host().medianMs());
        row.put("tokens_per_s", tokensPerCall / (ns / 1e9));
        row.put("bytes", work.bytes());
        row.put("flops", work.flops());
        row.put("gb_per_s", work.gbPerSecond(ns));
        row.put("tflop_per_s", work.tflopPerSecond(ns));
        row.put("bw_floor_ms", bwFloor);
        row.put("flop_floor_ms", flopFloor);
        row.put("floor_ms", floor > 0 ? floor : Double.NaN);
        row.put("floor_fraction", floor > 0 ? floor / t.device().medianMs() : Double.NaN);
        t.perTask().forEach((task, taskNs) -> row.put("task_" + task + "_ms", taskNs / 1e6));
        return row;
    }

    private static double nanToZero(double v) { return Double.isNaN(v) ? 0 : v; }

    static String header() {
        return String.format(Locale.ROOT, "%7s %7s %5s %10s %10s %10s %12s %8s %8s %9s %6s  %s",
                "d_state", "L", "batch", "median_ms", "p10_ms", "p90_ms", "tokens/s", "GB/s", "TFLOP/s", "floor_ms", "floor", "per task (ms)");
    }

    static String line(Map<String, Object> r) {
        StringBuilder tasks = new StringBuilder();
        r.forEach((k, v) -> {
            if (k.startsWith("task_")) tasks.append(k, 5, k.length() - 3).append('=').append(String.format(Locale.ROOT, "%.3f ", (Double) v));
        });
        double floor = (Double) r.get("floor_ms"), fraction = (Double) r.get("floor_fraction");
        return String.format(Locale.ROOT, "%7d %7d %5d %10.3f %10.3f %10.3f %12.4g %8.1f %8.3f %9s %6s  %s",
                r.get("d_state"), r.get("L"), r.get("batch"), r.get("median_ms"), r.get("p10_ms"), r.get("p90_ms"),
                r.get("tokens_per_s"), r.get("gb_per_s"), r.get("tflop_per_s"),
                Double.isNaN(floor) ? "-" : String.format(Locale.ROOT, "%.3f", floor),
                Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * fraction), tasks.toString().trim());
    }
}
