package dev.mamba2j.bench;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * Runs JMH with the given arguments (see {@code bench -h}); with none, every benchmark in
 * {@code dev.mamba2j.bench.jmh}. Arguments without an include pattern also run just those,
 * as they are the only benchmarks in the jar.
 */
@Command(name = "bench", description = "Run the JMH benchmarks; arguments go to JMH (e.g. bench -h, bench -l).")
final class BenchCommand implements Callable<Integer> {

    static final String DEFAULT_INCLUDE = "dev\\.mamba2j\\.bench\\.jmh\\..*";

    @Unmatched
    List<String> jmhArgs;

    @Override
    public Integer call() throws Exception {
        String[] args = jmhArgs == null || jmhArgs.isEmpty()
                ? new String[] {DEFAULT_INCLUDE}
                : jmhArgs.toArray(String[]::new);
        org.openjdk.jmh.Main.main(args);
        return 0;
    }
}
