package dev.mamba2j.bench;

import dev.mamba2j.ssd.ChunkedSsd;
import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdOutputs;
import dev.mamba2j.ssd.SsdShape;
import dev.mamba2j.verification.RandomSsdInputs;
import dev.mamba2j.verification.ReferenceResult;
import dev.mamba2j.verification.RelativeError;
import dev.mamba2j.verification.ScanReference;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job: the chunked SSD on random inputs, checked against the scalar scan, timed, and
 * summed up in one line. Exits with 1 when the error is not below the threshold.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the chunked SSD on random inputs, check it against the scalar scan and time it.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--batch", defaultValue = "1") int batch;
    @Option(names = {"-L", "--seq-len"}, defaultValue = "2048") int seqLen;
    @Option(names = "--heads", defaultValue = "8") int heads;
    @Option(names = "--head-dim", defaultValue = "64") int headDim;
    @Option(names = "--d-state", defaultValue = "64") int dState;
    @Option(names = "--groups", defaultValue = "1") int groups;
    @Option(names = "--chunk", defaultValue = "256") int chunk;
    @Option(names = "--repeats", defaultValue = "5", description = "timed runs; the median is reported")
    int repeats;
    @Option(names = "--threshold", defaultValue = "1e-5", description = "largest relative error that passes")
    double threshold;
    @Option(names = "--seed", description = "input seed (default: a new one, printed)")
    Long seed;

    @Override
    public Integer call() {
        long s = seed != null ? seed : ThreadLocalRandom.current().nextLong(1L << 40);
        SsdShape shape = new SsdShape(batch, seqLen, heads, headDim, groups, dState);
        SsdInputs in = new RandomSsdInputs(s).builder(shape).chunkSize(chunk).build();

        ChunkedSsd ssd = new ChunkedSsd();
        SsdOutputs out = SsdOutputs.allocate(in);
        ssd.forward(in, out); // warm-up, also the result that is checked
        long[] nanos = new long[Math.max(1, repeats)];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            ssd.forward(in, out);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double medianMs = nanos[nanos.length / 2] / 1e6;

        ReferenceResult scan = new ScanReference().run(in);
        double errorY = RelativeError.of(out.y(), scan.y());
        double errorStates = RelativeError.of(out.finalStates(), scan.finalStates());
        boolean ok = RelativeError.isBelow(errorY, threshold) && RelativeError.isBelow(errorStates, threshold);

        System.out.println(String.format(Locale.ROOT,
                "SSD jvm chunked fp32 vs scalar scan fp64: rel_err y=%.3e final_states=%.3e (threshold %.0e) %s"
                        + " | median %.1f ms of %d runs | %.0f tokens/s | %s chunk=%d seed=%d",
                errorY, errorStates, threshold, ok ? "PASS" : "FAIL", medianMs, nanos.length,
                batch * (double) seqLen / (medianMs / 1e3), shape, chunk, s));
        return ok ? 0 : 1;
    }
}
