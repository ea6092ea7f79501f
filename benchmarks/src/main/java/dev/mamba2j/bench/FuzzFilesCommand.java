package dev.mamba2j.bench;

import dev.mamba2j.model.fuzz.FileFuzzer;
import dev.mamba2j.model.fuzz.Seed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The model-file fuzzer: mutants of valid safetensors, torch.save, config.json and tokenizer.json files
 * loaded as model folders; every one must load or fail with the loader's own error naming the file.
 */
@Command(name = "fuzz-files", mixinStandardHelpOptions = true,
        description = "Load mutated model files (safetensors, pytorch_model.bin, config.json, tokenizer.json); "
                + "exit 1 if any fails other than with the loader's own error naming the file.")
final class FuzzFilesCommand implements Callable<Integer> {
    @Option(names = {"-n", "--count"}, defaultValue = "10000", description = "mutants (default: ${DEFAULT-VALUE})") int count;
    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})") long seed;
    @Option(names = "--files", split = ",", paramLabel = "DIR",
            defaultValue = "hybrid-model/src/test/resources,hybrid-model/models",
            description = "folders searched for valid files to mutate (default: ${DEFAULT-VALUE}, from the repository root)") List<Path> roots;
    @Option(names = "--out", defaultValue = "results/fuzz-files",
            description = "working folder; each finding's mutant is kept in its findings/ (default: ${DEFAULT-VALUE})") Path out;
    @Option(names = "--limit-ms", defaultValue = "20000", description = "time one mutant may take (default: ${DEFAULT-VALUE})") long limitMs;

    @Override public Integer call() throws Exception {
        List<Seed> seeds = Seed.find(roots.toArray(Path[]::new));
        if (seeds.isEmpty()) throw new IllegalArgumentException("no model files under " + roots + " (run from the repository root, or pass --files)");
        Files.createDirectories(out);
        System.err.println(seeds.size() + " seed files; " + count + " mutants, seed " + seed);
        long t0 = System.nanoTime();
        FileFuzzer.Report r = new FileFuzzer(out, Duration.ofMillis(limitMs), true).run(seeds, count, seed, System.err::println);
        System.out.println(r.summary());
        System.out.printf("%.1f s%n", (System.nanoTime() - t0) / 1e9);
        return r.findings().isEmpty() ? 0 : 1;
    }
}
