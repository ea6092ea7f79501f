package dev.mamba2j.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Writes docs/reproduction.md from the study results kept under docs/results/: one section per
 * measured device (a folder with study.csv, its plots, a one-line device.txt and optional notes.md), the paper's
 * claims beside the measured speedups.
 */
@Command(name = "reproduction", mixinStandardHelpOptions = true,
        description = "Regenerate the reproduction report from the study results of every device measured.")
public final class ReproductionCommand implements Callable<Integer> {
    @Option(names = "--results", description = "folder of per-device result folders (default: docs/results)")
    Path results = Path.of("docs", "results");

    @Option(names = "--out", description = "the report to write (default: docs/reproduction.md)")
    Path out = Path.of("docs", "reproduction.md");

    /** One row of study.csv. */
    record Point(String panel, String layer, int length, int dState, String status, double medianMs, double scanOverSsd) {}

    @Override
    public Integer call() throws IOException {
        List<Path> devices;
        try (Stream<Path> dirs = Files.list(results)) {
            devices = dirs.filter(d -> Files.exists(d.resolve("study.csv"))).sorted().toList();
        }
        StringBuilder md = new StringBuilder("""
                # Reproducing the efficiency figure of the Mamba-2 paper

                The paper (Figure 10) reports that SSD is 2–8× faster than Mamba-1's fused selective scan at
                state size 64, and faster than FlashAttention-2 from sequence length 2K, with the scan's time
                growing with the state size much faster than SSD's. Below, the same three layers as this
                project runs them, written as Java kernels and JIT-compiled for each device: SSD (heads 64 ×
                headdim 64, chunk 256), the fused Mamba-1 scan (4,096 channels) and causal attention (32 heads ×
                128), at equal model width 4,096 and ≈65,536 tokens per call (fewer where a device says so).
                Times are medians of device-timed runs after warm-up.

                Regenerate: run `study` on each device into `docs/results/<device>/` (see docs/benchmarks.md),
                then `java -jar benchmarks/target/benchmarks.jar reproduction`.

                """);
        if (devices.isEmpty()) md.append("No study results yet under ").append(results).append(".\n");
        for (Path d : devices) section(md, d);
        Files.writeString(out, md.toString());
        System.out.println("wrote " + out + " from " + devices.size() + " device(s)");
        return 0;
    }

    private void section(StringBuilder md, Path dir) throws IOException {
        Path about = dir.resolve("device.txt");
        String device = Files.exists(about) ? Files.readString(about).strip() : dir.getFileName().toString();
        List<Point> points = read(dir.resolve("study.csv"));
        md.append("## ").append(device).append("\n\n");
        Path notes = dir.resolve("notes.md");
        if (Files.exists(notes)) md.append(Files.readString(notes).strip()).append("\n\n");
        lengthTable(md, points);
        stateTable(md, points);
        plot(dir, points);
        for (String png : List.of("study_length.png", "study_dstate.png"))
            if (Files.exists(dir.resolve(png)))
                md.append("![").append(png).append("](").append(results.getFileName()).append('/').append(dir.getFileName())
                        .append('/').append(png).append(")\n");
        md.append('\n');
    }

    /** Draws the two panels from the measured points (the study draws them too, where the machine can). */
    private static void plot(Path dir, List<Point> points) {
        int stateLength = points.stream().filter(p -> p.panel().equals("d_state")).mapToInt(Point::length).findFirst().orElse(0);
        System.out.println(Plots.logLog(dir.resolve("study_length.png"), "Time vs sequence length", "sequence length L",
                "device time (ms)", series(points, "length", List.of("ssd", "scan", "attention"), true)));
        System.out.println(Plots.logLog(dir.resolve("study_dstate.png"), "Time vs state size (L = " + stateLength + ")", "d_state",
                "device time (ms)", series(points, "d_state", List.of("ssd", "scan"), false)));
    }

    private static Map<String, double[][]> series(List<Point> points, String panel, List<String> layers, boolean byLength) {
        Map<String, double[][]> s = new LinkedHashMap<>();
        for (String layer : layers) {
            List<Point> pts = points.stream().filter(p -> p.panel().equals(panel) && p.layer().equals(layer)
                    && p.status().equals("ok") && !Double.isNaN(p.medianMs())).toList();
            s.put(StudyCommand.layerName(layer), new double[][] {
                    pts.stream().mapToDouble(p -> byLength ? p.length() : p.dState()).toArray(),
                    pts.stream().mapToDouble(Point::medianMs).toArray()});
        }
        return s;
    }

    private static void lengthTable(StringBuilder md, List<Point> points) {
        Map<Integer, Map<String, Point>> byLength = group(points, "length");
        if (byLength.isEmpty()) return;
        md.append("| L | SSD (ms) | Mamba-1 scan (ms) | attention (ms) | scan : SSD | paper: scan : SSD at d_state 64 |\n|---|---|---|---|---|---|\n");
        byLength.forEach((len, row) -> md.append("| ").append(len).append(" | ").append(ms(row.get("ssd"))).append(" | ")
                .append(ms(row.get("scan"))).append(" | ").append(ms(row.get("attention"))).append(" | ")
                .append(ratio(row.get("ssd"))).append(" | 2–8× |\n"));
        md.append('\n');
    }

    private static void stateTable(StringBuilder md, List<Point> points) {
        Map<Integer, Map<String, Point>> byState = new LinkedHashMap<>();
        for (Point p : points) if (p.panel().equals("d_state")) byState.computeIfAbsent(p.dState(), k -> new LinkedHashMap<>()).put(p.layer(), p);
        if (byState.isEmpty()) return;
        md.append("| d_state (L ").append(points.stream().filter(p -> p.panel().equals("d_state")).findFirst().orElseThrow().length())
                .append(") | SSD (ms) | Mamba-1 scan (ms) | scan : SSD |\n|---|---|---|---|\n");
        byState.forEach((n, row) -> md.append("| ").append(n).append(" | ").append(ms(row.get("ssd"))).append(" | ")
                .append(ms(row.get("scan"))).append(" | ").append(ratio(row.get("ssd"))).append(" |\n"));
        md.append('\n');
    }

    private static Map<Integer, Map<String, Point>> group(List<Point> points, String panel) {
        Map<Integer, Map<String, Point>> m = new LinkedHashMap<>();
        for (Point p : points) if (p.panel().equals(panel)) m.computeIfAbsent(p.length(), k -> new LinkedHashMap<>()).put(p.layer(), p);
        return m;
    }

    private static String ms(Point p) {
        if (p == null) return "—";
        return p.status().equals("ok") ? String.format(Locale.ROOT, "%.3f", p.medianMs()) : p.status();
    }

    private static String ratio(Point ssd) {
        return ssd == null || Double.isNaN(ssd.scanOverSsd()) ? "—" : String.format(Locale.ROOT, "%.2f×", ssd.scanOverSsd());
    }

    static List<Point> read(Path csv) {
        try {
            List<String> lines = Files.readAllLines(csv);
            List<String> head = fields(lines.getFirst());
            List<Point> points = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = fields(line).toArray(String[]::new);
                points.add(new Point(f[head.indexOf("panel")], f[head.indexOf("layer")], Integer.parseInt(f[head.indexOf("L")]),
                        number(f[head.indexOf("d_state")]), f[head.indexOf("status")].split("[: ]")[0],
                        real(f[head.indexOf("median_ms")]), real(f[head.indexOf("scan_over_ssd")])));
            }
            return points;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fields of one CSV line; quoted fields may hold commas ("" is a quote). */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { f.append('"'); i++; }
            else if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) { out.add(f.toString()); f.setLength(0); }
            else f.append(ch);
        }
        out.add(f.toString());
        return out;
    }

    private static int number(String s) { return s.isBlank() ? -1 : Integer.parseInt(s); }

    private static double real(String s) { return s.isBlank() ? Double.NaN : Double.parseDouble(s); }
}
