package dev.mamba2j.bench.jmh;

import dev.mamba2j.ssd.ChunkedSsd;
import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdOutputs;
import dev.mamba2j.ssd.SsdShape;
import dev.mamba2j.verification.RandomSsdInputs;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One fp32 chunked SSD forward pass on the JVM (all cores) at batch 1, L 4096, 16 heads,
 * headdim 64, d_state 64, one group, for two chunk sizes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
public class ChunkedSsdBenchmark {

    @Param({"64", "256"})
    int chunk;

    SsdInputs inputs;
    SsdOutputs outputs;
    final ChunkedSsd chunked = new ChunkedSsd();

    @Setup
    public void setUp() {
        SsdShape shape = new SsdShape(1, 4096, 16, 64, 1, 64);
        inputs = new RandomSsdInputs(42).builder(shape).chunkSize(chunk).build();
        outputs = SsdOutputs.allocate(inputs);
    }

    @Benchmark
    public float[] chunkedJvm() {
        chunked.forward(inputs, outputs);
        return outputs.y();
    }
}
