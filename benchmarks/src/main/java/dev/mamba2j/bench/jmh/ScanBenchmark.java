package dev.mamba2j.bench.jmh;

import dev.mamba2j.ssd.SsdInputs;
import dev.mamba2j.ssd.SsdShape;
import dev.mamba2j.verification.RandomSsdInputs;
import dev.mamba2j.verification.ReferenceResult;
import dev.mamba2j.verification.ScanReference;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fp64 scalar reference scan (one thread, token by token) on the same problem as
 * {@link ChunkedSsdBenchmark}: batch 1, L 4096, 16 heads, headdim 64, d_state 64, one group.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
public class ScanBenchmark {

    SsdInputs inputs;
    final ScanReference scan = new ScanReference();

    @Setup
    public void setUp() {
        inputs = new RandomSsdInputs(42).builder(new SsdShape(1, 4096, 16, 64, 1, 64)).build();
    }

    @Benchmark
    public ReferenceResult scalarScan() {
        return scan.run(inputs);
    }
}
