package dev.mamba2j.bench;

import dev.mamba2j.ssd.SsdShape;
import dev.mamba2j.tornado.api.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The paper's Figure 10 on one device, at equal model width. Left: time against sequence length
 * at a constant number of tokens per call for the SSD forward (heads width/64 × 64), Mamba-1's
 * fused selective scan (width channels) and causal attention (width/128 heads × 128, the hybrid models'
 * tiled kernel: bf16 keys and values, TF32 products). Right:
 * time against d_state at one length for the SSD and the scan. Each point's SSD:scan speedup is
 * printed. A point whose predicted wall time (from the series' earlier points) exceeds
 * {@code --max-seconds} is skipped and listed as such; the repeats shrink to fit the budget.
 */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = "SSD vs Mamba-1 scan vs attention: time against L and against d_state; CSV, JSON and PNG into --out.")
final class StudyCommand implements Callable<Integer> {
    @Mixin DeviceOption deviceOption;
    @Option(names = "--quick", description = "a small CPU-friendly version (width 256, 2,048 tokens, a few points)")
    boolean quick;
    @Option(names = "--width", defaultValue = "4096", description = "model width: SSD heads·headdim, scan channels, attention heads·headdim")
    int width;
    @Option(names = "--tokens", defaultValue = "65536", description = "tokens per call; batch = tokens / L, at least 1") int tokens;
    @Option(names = {"-L", "--lengths"}, split = ",", defaultValue = "512,1024,2048,4096,8192,16384,32768,65536,131072",
            description = "sequence lengths of the length panel (default: ${DEFAULT-VALUE})")
    List<Integer> lengths;
    @Option(names = "--d-state", defaultValue = "64", description = "d_state of the length panel") int dState;
    @Option(names = "--d-states", split = ",", defaultValue = "16,32,64,128,256", description = "d_state values of the state panel")
    List<Integer> dStates;
    @Option(names = "--state-length", defaultValue = "4096", description = "L of the state panel") int stateLength;
    @Option(names = "--chunk", defaultValue = "256", description = "SSD chunk length (default: ${DEFAULT-VALUE})") int chunk;
    @Option(names = "--warmup", defaultValue = "2", description = "untimed runs per point (default: ${DEFAULT-VALUE})") int warmup;
    @Option(names = "--repeats", defaultValue = "10", description = "timed runs per point (fewer when the budget needs)") int repeats;
    @Option(names = "--max-seconds", defaultValue = "60", description = "wall-time budget per point; slower points are skipped")
    double maxSeconds;
    @Option(names = "--out", defaultValue = "results", description = "directory for study.csv/.json and the two PNGs") Path out;
    @Option(names = "--panel", defaultValue = "both", description = "length, d_state or both (default: ${DEFAULT-VALUE})")
    String panel;
    @Option(names = "--seed", defaultValue = "1", description = "input seed (default: ${DEFAULT-VALUE})") long seed;
    @Option(names = "--no-progress", description = "no progress bar") boolean noProgress;

    static final int SSD_HEAD_DIM = 64, ATTENTION_HEAD_DIM = 128;

    private record Point(String panel, String layer, int len, int dState) {}

    @Override
    public Integer call() {
        if (quick) applyQuick();
        if (!List.of("length", "d_state", "both").contains(panel))
            throw new IllegalArgumentException("--panel must be length, d_state or both, not '" + panel + "'");
        Device device = deviceOption.device();
        Results results = new Results().meta("command", "study").meta("device", device.id()).meta("device_name", device.name())
                .meta("width", width).meta("tokens_per_call", tokens).meta("chunk", chunk).meta("warmup", warmup)
                .meta("repeats", repeats).meta("max_seconds", maxSeconds).meta("quick", quick).meta("panel", panel)
                .meta("lengths", lengths.toString()).meta("d_state_of_length_panel", dState).meta("d_states", dStates.toString())
                .meta("state_length", stateLength)
                .meta("timing", "device time of all kernels per execute (profile), copies excluded");
        System.out.printf(Locale.ROOT, "Study on %s (%s): width %d (SSD %d×%d, scan %d channels, attention %d×%d), ~%d tokens per call%n",
                device.id(), device.name(), width, width / SSD_HEAD_DIM, SSD_HEAD_DIM, width, width / ATTENTION_HEAD_DIM,
                ATTENTION_HEAD_DIM, tokens);
        List<Point> points = new ArrayList<>();
        if (!panel.equals("d_state"))
            for (int len : lengths) for (String layer : List.of("ssd", "scan", "attention")) points.add(new Point("length", layer, len, dState));
        if (!panel.equals("length"))
            for (int n : dStates) for (String layer : List.of("ssd", "scan")) points.add(new Point("d_state", layer, stateLength, n));

        Map<String, List<double[]>> measured = new LinkedHashMap<>(); // panel/layer -> {x, host ms, device ms}
        try (Progress progress = new Progress("study", points.size(), !noProgress)) {
            for (Point p : points) {
                progress.describe(p.panel + " " + p.layer + " L=" + p.len + " N=" + p.dState);
                String key = p.panel + "/" + p.layer;
                List<double[]> done = measured.computeIfAbsent(key, k -> new ArrayList<>());
                double x = p.panel.equals("length") ? p.len : p.dState;
                Map<String, Object> row = results.newRow();
                row.put("panel", p.panel);
                row.put("layer", p.layer);
                row.put("L", p.len);
                row.put("batch", Math.max(1, tokens / p.len));
                row.put("d_state", p.layer.equals("attention") ? null : p.dState);
                // Until two points are measured: attention grows with L at constant tokens, both layers with d_state.
                double growth = p.layer.equals("attention") || p.panel.equals("d_state") ? 1 : 0;
                double predictedMs = predict(done, x, growth);
                row.put("predicted_ms", predictedMs > 0 ? predictedMs : Double.NaN); // NaN: nothing to predict from yet
                int runs = runsWithinBudget(predictedMs);
                if (runs == 0) {
                    row.put("status", String.format(Locale.ROOT, "skipped: predicted %.1f s per run, budget %.0f s", predictedMs / 1e3, maxSeconds));
                } else {
                    try {
                        Timed t = time(device, p, runs);
                        done.add(new double[] {x, t.host().medianMs(), t.device().medianMs()});
                        row.put("status", "ok");
                        row.put("repeats", t.device().n());
                        row.put("median_ms", t.device().medianMs());
                        row.put("p10_ms", t.device().p10Ms());
                        row.put("p90_ms", t.device().p90Ms());
                        row.put("host_median_ms", t.host().medianMs());
                        row.put("tokens_per_s", Math.max(1, tokens / p.len) * (double) p.len / (t.device().medianNs() / 1e9));
                    } catch (RuntimeException e) {
                        row.put("status", "failed: " + e.getMessage());
                    }
                    System.gc(); // frees the closed graph's host arrays (automatic arenas) before the next GiB is allocated
                }
                System.out.printf(Locale.ROOT, "  %s %s L=%d d_state=%s: %s ms (%s)%n", p.panel, p.layer, p.len,
                        p.layer.equals("attention") ? "-" : p.dState, ms(row.get("median_ms")), row.get("status"));
                progress.step();
                results.write(out, fileName()); // after every point, so a run cut short keeps what it measured
            }
        }
        addSpeedups(results);
        print(results);
        for (Path f : results.write(out, fileName())) System.out.println("wrote " + f);
        if (!panel.equals("d_state")) System.out.println(Plots.logLog(out.resolve("study_length.png"), "Time vs sequence length (" + tokens + " tokens per call)",
                "sequence length L", "device time (ms)", series(results, "length", List.of("ssd", "scan", "attention"), "L")));
        if (!panel.equals("length")) System.out.println(Plots.logLog(out.resolve("study_dstate.png"), "Time vs state size (L = " + stateLength + ")",
                "d_state", "device time (ms)", series(results, "d_state", List.of("ssd", "scan"), "d_state")));
        return 0;
    }

    /** study.csv/.json for both panels, study_length or study_d_state for one, so split runs can share --out. */
    private String fileName() { return panel.equals("both") ? "study" : "study_" + panel; }

    private void applyQuick() {
        width = 256;
        tokens = 2048;
        lengths = List.of(256, 512, 1024, 2048);
        dStates = List.of(16, 64);
        stateLength = 1024;
        warmup = 1;
        repeats = 3;
        maxSeconds = Math.min(maxSeconds, 20);
    }

    /**
     * Predicted host ms of one run: a power law through the series' last two points, else the
     * last point scaled by (x / x_last)^exponent (1: time grows with x, 0: constant), else 0.
     */
    static double predict(List<double[]> done, double x, double exponent) {
        if (done.isEmpty()) return 0;
        double[] last = done.getLast();
        double k = exponent;
        if (done.size() >= 2) {
            double[] prev = done.get(done.size() - 2);
            if (last[0] != prev[0] && prev[1] > 0 && last[1] > 0)
                k = Math.clamp(Math.log(last[1] / prev[1]) / Math.log(last[0] / prev[0]), 0, 3);
        }
        return last[1] * Math.pow(x / last[0], k);
    }

    /** Timed runs that fit the budget with the warm-up: 0 to skip the point. */
    int runsWithinBudget(double predictedMs) {
        if (predictedMs <= 0) return repeats;
        double fit = maxSeconds * 1e3 / predictedMs - warmup;
        return fit < 1 ? 0 : (int) Math.min(repeats, fit);
    }

    private Timed time(Device device, Point p, int runs) {
        int batch = Math.max(1, tokens / p.len);
        try (Workloads.Workload w = switch (p.layer) {
            case "ssd" -> Workloads.ssd(device, new SsdShape(batch, p.len, width / SSD_HEAD_DIM, SSD_HEAD_DIM, 1, p.dState), chunk,
                    Workloads.Dtype.FP32, seed);
            case "scan" -> Workloads.selectiveScan(device, batch, p.len, width, p.dState, seed);
            default -> Workloads.flashAttention(device, batch, p.len, width / ATTENTION_HEAD_DIM, ATTENTION_HEAD_DIM);
        }) {
            return Timed.measure(w::execute, warmup, runs);
        }
    }

    /** On each SSD row: scan time / SSD time (how many times faster the SSD is) at the same point. */
    private static void addSpeedups(Results results) {
        for (Map<String, Object> ssd : results.rows()) {
            if (!"ssd".equals(ssd.get("layer")) || !(ssd.get("median_ms") instanceof Double s)) continue;
            for (Map<String, Object> scan : results.rows())
                if ("scan".equals(scan.get("layer")) && scan.get("panel").equals(ssd.get("panel")) && scan.get("L").equals(ssd.get("L"))
                        && scan.get("d_state").equals(ssd.get("d_state")) && scan.get("median_ms") instanceof Double m)
                    ssd.put("scan_over_ssd", m / s);
        }
    }

    private static void print(Results results) {
        System.out.printf(Locale.ROOT, "%-8s %-10s %7s %5s %7s %11s %11s %11s %9s  %s%n",
                "panel", "layer", "L", "batch", "d_state", "median_ms", "p10_ms", "p90_ms", "scan:SSD", "status");
        for (Map<String, Object> r : results.rows())
            System.out.printf(Locale.ROOT, "%-8s %-10s %7d %5d %7s %11s %11s %11s %9s  %s%n", r.get("panel"), r.get("layer"), r.get("L"),
                    r.get("batch"), r.get("d_state") == null ? "-" : r.get("d_state"), ms(r.get("median_ms")), ms(r.get("p10_ms")),
                    ms(r.get("p90_ms")), r.get("scan_over_ssd") instanceof Double d ? String.format(Locale.ROOT, "%.2f×", d) : "",
                    r.get("status"));
    }

    private static String ms(Object v) { return v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : "-"; }

    private static Map<String, double[][]> series(Results results, String panel, List<String> layers, String xColumn) {
        Map<String, double[][]> s = new LinkedHashMap<>();
        for (String layer : layers) {
            List<double[]> pts = new ArrayList<>();
            for (Map<String, Object> r : results.rows())
                if (panel.equals(r.get("panel")) && layer.equals(r.get("layer")) && r.get("median_ms") instanceof Double m)
                    pts.add(new double[] {((Number) r.get(xColumn)).doubleValue(), m});
            s.put(layerName(layer), new double[][] {pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray()});
        }
        return s;
    }

    static String layerName(String layer) {
        return switch (layer) {
            case "ssd" -> "SSD (Mamba-2)";
            case "scan" -> "fused selective scan (Mamba-1)";
            default -> "causal attention";
        };
    }
}
