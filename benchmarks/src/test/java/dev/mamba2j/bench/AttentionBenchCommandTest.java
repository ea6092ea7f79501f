package dev.mamba2j.bench;

import dev.mamba2j.model.config.LayerSpec;
import dev.mamba2j.model.config.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** attention-bench at toy sizes on the JVM writes a row per measurement; the hybrid model shape reads as four attention layers. */
class AttentionBenchCommandTest {
    @TempDir Path out;

    @Test
    void measuresPrefillAndDecoding() throws IOException {
        int[] code = new int[1];
        String text = MainTest.execute(code, "attention-bench", "--device", "jvm", "--heads", "2", "--prefill-kv-heads", "1", "--decode-kv-heads", "1",
                "--head-dim", "16", "--tokens", "64", "--lengths", "32", "--contexts", "70", "--batches", "1,2", "--warmup", "0", "--repeats", "1",
                "--out", out.toString());
        assertEquals(0, code[0], text);
        assertTrue(text.contains("prefill L") && text.contains("decode context"), text);
        List<String> csv = Files.readAllLines(out.resolve("attention-bench.csv"));
        assertEquals(4, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(0).startsWith("phase,seq_len,tiles,batch"), csv.get(0));
    }

    @Test
    void timesEachTileSizeAsked() throws IOException {
        int[] code = new int[1];
        String text = MainTest.execute(code, "attention-bench", "--device", "jvm", "--heads", "2", "--prefill-kv-heads", "1", "--head-dim", "16",
                "--tokens", "40", "--lengths", "40", "--tiles", "16x16,32x16", "--phases", "prefill", "--warmup", "0", "--repeats", "1",
                "--out", out.toString());
        assertEquals(0, code[0], text);
        assertTrue(text.contains("tiles 16x16") && text.contains("tiles 32x16"), text);
        assertEquals(3, Files.readAllLines(out.resolve("attention-bench.csv")).size());
    }

    @Test
    void badTilesAreRefusedByName() {
        int[] code = new int[1];
        String err = MainTest.executeErr(code, "attention-bench", "--device", "jvm", "--tiles", "64by32");
        assertEquals(2, code[0], err);
        assertTrue(err.contains("attention tiles must read QUERYxKEY"), err);
        err = MainTest.executeErr(code, "attention-bench", "--device", "jvm", "--tiles", "48x32");
        assertEquals(2, code[0], err);
        assertTrue(err.contains("the query tile must divide 128"), err);
    }

    @Test
    void fp32StorageToo() {
        int[] code = new int[1];
        String text = MainTest.execute(code, "attention-bench", "--device", "jvm", "--dtype", "fp32", "--heads", "2", "--prefill-kv-heads", "2",
                "--decode-kv-heads", "1", "--head-dim", "8", "--tokens", "40", "--lengths", "40", "--contexts", "33", "--batches", "1", "--warmup", "0",
                "--repeats", "1", "--no-tf32", "--out", out.toString());
        assertEquals(0, code[0], text);
        assertTrue(text.contains("prefill L") && text.contains("decode context"), text);
    }

    @Test
    void aHeadDimWithoutKernelsIsRefused() {
        int[] code = new int[1];
        String err = MainTest.executeErr(code, "attention-bench", "--device", "jvm", "--head-dim", "20");
        assertEquals(2, code[0], err);
        assertTrue(err.contains("--head-dim must be a multiple of 8"), err);
    }

    @Test
    void theHybridShapeHasFourAttentionLayers() {
        ModelConfig c = ModelShapes.of("hybrid-2.7b");
        assertEquals(64, c.numLayers());
        assertEquals(List.of(9, 25, 41, 57), c.layers().stream().filter(l -> l.mixer() == LayerSpec.Mixer.ATTENTION).map(LayerSpec::index).toList());
        assertEquals(80, c.attention().orElseThrow().headDim());
    }
}
