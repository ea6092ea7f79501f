package dev.mamba2j.model.fuzz;

import com.fasterxml.jackson.core.JacksonException;
import dev.mamba2j.model.ModelLoader;
import dev.mamba2j.model.config.ConfigException;
import dev.mamba2j.model.config.ModelConfig;
import dev.mamba2j.model.layers.Precision;
import dev.mamba2j.model.tokenizer.Tokenizer;
import dev.mamba2j.model.tokenizer.TokenizerException;
import dev.mamba2j.model.weights.ExpectedTensors;
import dev.mamba2j.model.weights.Tensor;
import dev.mamba2j.model.weights.WeightException;
import dev.mamba2j.model.weights.WeightFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Loads mutants of valid model files the way a user's model folder is loaded, and checks that each
 * either loads or fails with the loader's own exception ({@link WeightException},
 * {@link ConfigException}, {@link TokenizerException}) whose message names the file. A finding is
 * anything else: another exception type, an error (out of memory, stack overflow), a message that
 * does not name the file, a wrapped exception thrown by the project's own code (an
 * {@code NullPointerException} reworded is still a bug), or no answer within the time limit.
 * Exceptions of third-party parsers (the pickle library) wrapped into the loader's exception are
 * counted but are not findings.
 *
 * <p>A weights mutant is opened, every tensor read, then the model built from it with its seed's
 * config.json; a config mutant is read, its expected tensors listed, and the model built with its
 * seed's weights where it has some; a tokenizer mutant is loaded, then encodes and decodes a text.
 */
public final class FileFuzzer {
    private static final String TEXT = "In the beginning, 1234 words: ünïcödé \uD83D\uDE00 <|endoftext|>  tabs\tand\nlines.";
    private static final long MAX_ELEMENTS_READ = 1L << 22;

    /** A mutant the loaders mishandled; {@code key} groups findings of one cause. */
    public record Finding(String key, String seed, String mutation, String problem, Throwable error, Path saved) {}

    /**
     * What a run did: mutants per outcome ("loaded", the exception's simple name, "finding"), library
     * exceptions found wrapped, and the findings, one per cause with how many mutants hit it.
     */
    public record Report(int mutants, Map<String, Integer> outcomes, Map<String, Integer> wrappedLibraryExceptions,
                         List<Finding> findings, Map<String, Integer> findingCounts) {
        /** A few lines for a log or a test's failure message. */
        public String summary() {
            StringBuilder b = new StringBuilder(mutants + " mutants: " + outcomes);
            if (!wrappedLibraryExceptions.isEmpty()) b.append("; library exceptions wrapped: ").append(wrappedLibraryExceptions);
            for (Finding f : findings)
                b.append("\n  FINDING x").append(findingCounts.get(f.key())).append(": ").append(f.problem()).append("\n    seed ").append(f.seed())
                        .append("\n    mutation ").append(f.mutation()).append(f.saved() == null ? "" : "\n    saved as " + f.saved());
            return b.toString();
        }
    }

    private final Path work;
    private final Duration limit;
    private final boolean saveFindings;

    /**
     * @param work         an empty folder for the mutants (one model folder at a time, reused)
     * @param limit        how long one mutant may take
     * @param saveFindings whether each finding's mutant is kept under {@code work/findings}
     */
    public FileFuzzer(Path work, Duration limit, boolean saveFindings) {
        this.work = work;
        this.limit = limit;
        this.saveFindings = saveFindings;
    }

    /** {@code count} mutants of {@code seeds}, taken in turn, mutations drawn from {@code randomSeed}. */
    public Report run(List<Seed> seeds, int count, long randomSeed, Consumer<String> progress) {
        if (seeds.isEmpty()) throw new IllegalArgumentException("no seed files");
        SplittableRandom rnd = new SplittableRandom(randomSeed);
        Mutator mutator = new Mutator(rnd);
        Map<String, Integer> outcomes = new TreeMap<>(), wrapped = new TreeMap<>(), findingCounts = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        ExecutorService exec = Executors.newSingleThreadExecutor(FileFuzzer::thread);
        try {
            for (int i = 0; i < count; i++) {
                Seed seed = seeds.get(i % seeds.size());
                StringBuilder what = new StringBuilder();
                byte[] mutant = mutator.mutate(seed, what);
                Path dir = prepare(seed, mutant);
                Path file = dir.resolve(seed.format().fileName);
                String problem = null;
                Throwable error = null;
                String outcome;
                Future<?> f = exec.submit(() -> { load(seed.format(), dir, file); return null; });
                try {
                    f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
                    outcome = "loaded";
                } catch (TimeoutException e) {
                    f.cancel(true);
                    exec.shutdownNow();
                    exec = Executors.newSingleThreadExecutor(FileFuzzer::thread);
                    problem = "no answer within " + limit.toMillis() + " ms";
                    outcome = "finding";
                } catch (ExecutionException e) {
                    error = e.getCause();
                    problem = judge(error, dir, wrapped);
                    outcome = problem == null ? error.getClass().getSimpleName() : "finding";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                outcomes.merge(outcome, 1, Integer::sum);
                if (problem != null) {
                    String key = problem.replaceAll("\\d+", "#");
                    if (findingCounts.merge(key, 1, Integer::sum) == 1)
                        findings.add(new Finding(key, seed.name(), what.toString(), problem, error, save(i, seed, mutant)));
                }
                if (progress != null && (i + 1) % 500 == 0) progress.accept((i + 1) + "/" + count + " mutants: " + outcomes);
            }
        } finally {
            exec.shutdownNow();
        }
        return new Report(count, outcomes, wrapped, findings, findingCounts);
    }

    private static Thread thread(Runnable r) {
        Thread t = new Thread(null, r, "file-fuzzer", 16L << 20);
        t.setDaemon(true);
        return t;
    }

    /** Loads a mutant as a user's model folder would be. */
    static void load(Seed.Format format, Path dir, Path file) {
        switch (format) {
            case SAFETENSORS, TORCH -> {
                try (WeightFiles w = WeightFiles.open(dir)) {
                    for (String name : w.names()) {
                        Tensor t = w.get(name);
                        if (t.dtype().convertsToFloat() && t.numel() <= MAX_ELEMENTS_READ) t.toFloats();
                        else t.data().byteSize();
                    }
                }
                if (Files.isRegularFile(dir.resolve("config.json"))) ModelLoader.load(dir, Precision.FP32);
            }
            case CONFIG -> {
                ModelConfig c = ModelConfig.readFile(file);
                ExpectedTensors.of(c);
                if (Files.isRegularFile(dir.resolve("model.safetensors")) || Files.isRegularFile(dir.resolve("pytorch_model.bin")))
                    ModelLoader.load(dir, Precision.FP32);
            }
            case TOKENIZER -> {
                Tokenizer t = Tokenizer.load(file);
                t.decode(t.encode(TEXT));
                t.decode(t.encode(TEXT, false));
                t.decode(new int[] {0, 1, 2, 3});
            }
        }
    }

    /** Null if {@code e} is a proper loader error naming a file in {@code dir}; else what is wrong with it. */
    private static String judge(Throwable e, Path dir, Map<String, Integer> wrapped) {
        boolean own = e instanceof WeightException || e instanceof ConfigException || e instanceof TokenizerException;
        if (!own) return e.getClass().getName() + " " + firstLine(e.getMessage()) + " at " + where(e);
        if (e.getMessage() == null || !e.getMessage().contains(dir.toString()))
            return e.getClass().getSimpleName() + " does not name the file: " + firstLine(e.getMessage()) + " at " + where(e);
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            // A checked exception (IOException, DataFormatException) is a parser's ordinary answer to a bad file.
            if (!(c instanceof RuntimeException || c instanceof Error) || c instanceof JacksonException || c instanceof UncheckedIOException
                    || c instanceof WeightException || c instanceof ConfigException || c instanceof TokenizerException) continue;
            String at = where(c);
            if (at.startsWith("dev.mamba2j")) return e.getClass().getSimpleName() + " wraps " + c.getClass().getName() + " " + firstLine(c.getMessage()) + " at " + at;
            wrapped.merge(c.getClass().getName() + " at " + at, 1, Integer::sum);
        }
        return null;
    }

    /** The first frame outside the JDK: where the project or a library threw or called into the JDK. */
    private static String where(Throwable e) {
        for (StackTraceElement s : e.getStackTrace()) {
            String c = s.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) return c + "." + s.getMethodName() + ":" + s.getLineNumber();
        }
        return "?";
    }

    private static String firstLine(String s) {
        if (s == null) return "(no message)";
        int nl = s.indexOf('\n');
        s = nl < 0 ? s : s.substring(0, nl);
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }

    private Path prepare(Seed seed, byte[] mutant) {
        try {
            Path dir = work.resolve("model");
            if (Files.isDirectory(dir)) try (var s = Files.list(dir)) { for (Path p : s.toList()) Files.delete(p); }
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> c : seed.companions().entrySet()) Files.write(dir.resolve(c.getKey()), c.getValue());
            Files.write(dir.resolve(seed.format().fileName), mutant);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path save(int i, Seed seed, byte[] mutant) {
        if (!saveFindings) return null;
        try {
            Path dir = Files.createDirectories(work.resolve("findings"));
            return Files.write(dir.resolve(i + "-" + seed.format().fileName), mutant);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
