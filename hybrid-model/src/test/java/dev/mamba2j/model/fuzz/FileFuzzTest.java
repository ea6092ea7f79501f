package dev.mamba2j.model.fuzz;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fixed-seed sample of the model-file fuzzer over the test resources: every mutant loads or fails with the loader's own error. */
class FileFuzzTest {
    static final int MUTANTS = Integer.getInteger("mamba2j.fuzz.files", 500);

    static Path resources() {
        try {
            return Path.of(FileFuzzTest.class.getResource("/golden").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void mutantsFailWithTheLoadersOwnErrors(@TempDir Path work) {
        List<Seed> seeds = Seed.find(resources().resolve("golden"), resources().resolve("torch"), resources().resolve("config"),
                resources().resolve("tokenizer"));
        assertTrue(seeds.stream().map(Seed::format).distinct().count() == 4, "seeds of all four formats: " + seeds);
        FileFuzzer.Report r = new FileFuzzer(work, Duration.ofSeconds(20), false).run(seeds, MUTANTS, Long.getLong("mamba2j.fuzz.seed", 20240611L), null);
        System.out.println("FileFuzzTest: " + r.summary());
        assertEquals(List.of(), r.findings().stream().map(FileFuzzer.Finding::problem).toList(), r.summary());
    }
}
