package dev.mamba2j.bench;

import dev.mamba2j.ssd.ChunkedSsd;
import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdOutputs;
import dev.mamba2j.ssd.SsdShape;
import dev.mamba2j.ssd.device.SsdGraph;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.verification.RandomSsdInputs;
import dev.mamba2j.verification.ReferenceResult;
import dev.mamba2j.verification.RelativeError;
import dev.mamba2j.verification.ScanReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The SSD check: the SSD task graph on the selected device, on random inputs, checked against the
 * scalar scan and timed by the device; the JVM's chunked SSD on the same inputs, checked and timed
 * the same way; then a quick version of the study on the device. Exits with 1 when an error is not
 * below the threshold.
 */
@Command(name = "ssd", mixinStandardHelpOptions = true,
        description = "Run the SSD on the device and on the JVM, check both against the scalar scan, time them, then a quick study.")
final class SsdCheckCommand implements Callable<Integer> {

    @Mixin DeviceOption deviceOption;
    @Option(names = "--batch", defaultValue = "1", description = "sequences (default: ${DEFAULT-VALUE})") int batch;
    @Option(names = {"-L", "--seq-len"}, defaultValue = "2048", description = "tokens per sequence (default: ${DEFAULT-VALUE})") int seqLen;
    @Option(names = "--heads", defaultValue = "8", description = "SSM heads (default: ${DEFAULT-VALUE})") int heads;
    @Option(names = "--head-dim", defaultValue = "64", description = "channels per head (default: ${DEFAULT-VALUE})") int headDim;
    @Option(names = "--d-state", defaultValue = "64", description = "state size N (default: ${DEFAULT-VALUE})") int dState;
    @Option(names = "--groups", defaultValue = "1", description = "groups of heads sharing B and C (default: ${DEFAULT-VALUE})") int groups;
    @Option(names = "--chunk", defaultValue = "256", description = "SSD chunk length (default: ${DEFAULT-VALUE})") int chunk;
    @Option(names = "--repeats", defaultValue = "5", description = "timed runs; the median is reported")
    int repeats;
    @Option(names = "--threshold", defaultValue = "1e-5", description = "largest relative error that passes")
    double threshold;
    @Option(names = "--seed", description = "input seed (default: a new one, printed)")
    Long seed;
    @Option(names = "--no-study", description = "skip the quick study") boolean noStudy;
    @Option(names = "--out", defaultValue = "results/run", description = "directory for the quick study's files") Path out;

    @Override
    public Integer call() {
        long s = seed != null ? seed : ThreadLocalRandom.current().nextLong(1L << 40);
        Device device = deviceOption.device();
        SsdShape shape = new SsdShape(batch, seqLen, heads, headDim, groups, dState);
        SsdInputs in = new RandomSsdInputs(s).builder(shape).chunkSize(chunk).build();
        System.err.printf(Locale.ROOT, "ssd: the scalar scan in double precision over %s (the reference)...%n", shape);
        ReferenceResult scan = new ScanReference().run(in);
        System.err.printf(Locale.ROOT, "ssd: the task graph on %s, %d timed runs...%n", device.id(), repeats);
        double tokens = batch * (double) seqLen;

        SsdOutputs onDevice = SsdOutputs.allocate(in);
        Timed t;
        try (SsdGraph graph = new SsdGraph(in, device, true)) {
            t = Timed.measure(graph::execute, 1, repeats); // the last execution's outputs are checked
            graph.readInto(onDevice);
        }
        boolean deviceOk = report("SSD " + device.id() + " task graph fp32", onDevice, scan, t.device(),
                device.backend() == dev.mamba2j.tornado.api.Backend.JVM ? "JVM device: host wall time of its kernels" : "device time of the kernels", tokens, s, shape);
        System.err.printf(Locale.ROOT, "ssd: the JVM's chunked SSD, %d timed runs...%n", repeats);

        ChunkedSsd ssd = new ChunkedSsd();
        SsdOutputs onJvm = SsdOutputs.allocate(in);
        ssd.forward(in, onJvm); // warm-up
        long[] nanos = new long[Math.max(1, repeats)];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            ssd.forward(in, onJvm);
            nanos[i] = System.nanoTime() - start;
        }
        boolean jvmOk = report("SSD jvm chunked fp32", onJvm, scan, Stats.of(nanos), "host wall time", tokens, s, shape);

        if (!noStudy) {
            List<String> args = new ArrayList<>(List.of("--quick", "--device", device.id(), "--out", out.toString(), "--no-progress"));
            System.out.println();
            int code = new CommandLine(new StudyCommand()).execute(args.toArray(String[]::new));
            if (code != 0) return code;
        }
        return deviceOk && jvmOk ? 0 : 1;
    }

    /** One line: errors against the scan, verdict, median time, tokens/s; true when both errors pass. */
    private boolean report(String what, SsdOutputs out, ReferenceResult scan, Stats time, String timing, double tokens, long s, SsdShape shape) {
        double errorY = RelativeError.of(out.y(), scan.y());
        double errorStates = RelativeError.of(out.finalStates(), scan.finalStates());
        boolean ok = RelativeError.isBelow(errorY, threshold) && RelativeError.isBelow(errorStates, threshold);
        System.out.println(String.format(Locale.ROOT,
                "%s vs scalar scan fp64: rel_err y=%.3e final_states=%.3e (threshold %.0e) %s"
                        + " | median %.3f ms (%s) of %d runs | %.0f tokens/s | %s chunk=%d seed=%d",
                what, errorY, errorStates, threshold, ok ? "PASS" : "FAIL", time.medianMs(), timing, time.n(),
                tokens / (time.medianNs() / 1e9), shape, chunk, s));
        return ok;
    }

}
