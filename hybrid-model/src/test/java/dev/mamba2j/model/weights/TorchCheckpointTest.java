package dev.mamba2j.model.weights;

import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static dev.mamba2j.model.weights.SafeTensorsTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the archives scripts/make_torch_fixtures.py wrote with torch 1.13. */
class TorchCheckpointTest {
    @TempDir Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(TorchCheckpointTest.class.getResource("/torch/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The script's ramp: i * scale - 1, exact in every dtype used. */
    static float[] ramp(int from, int to, float scale) {
        float[] v = new float[to - from];
        for (int i = from; i < to; i++) v[i - from] = i * scale - 1f;
        return v;
    }

    private static void checkStateDict(WeightFiles w) {
        assertEquals(List.of("bf16", "empty", "f16", "f32", "offset", "param", "shared_a", "shared_b"), List.copyOf(w.names()));
        Tensor f32 = w.get("f32");
        assertEquals(DType.F32, f32.dtype());
        assertArrayEquals(new long[] {2, 3}, f32.shape());
        assertArrayEquals(ramp(0, 6, 0.25f), f32.toFloats());
        assertEquals(DType.BF16, w.get("bf16").dtype());
        assertArrayEquals(new long[] {2, 2, 2}, w.get("bf16").shape());
        assertArrayEquals(ramp(0, 8, 0.25f), w.get("bf16").toFloats());
        assertEquals(DType.F16, w.get("f16").dtype());
        assertArrayEquals(ramp(0, 5, 0.25f), w.get("f16").toFloatArray().toHeapArray());
        // offset 10 into a storage of 24
        assertArrayEquals(new long[] {2, 4}, w.get("offset").shape());
        assertArrayEquals(ramp(10, 18, 0.25f), w.get("offset").toFloats());
        // one bf16 storage, two views
        assertArrayEquals(ramp(0, 6, 0.25f), w.get("shared_a").toFloats());
        assertArrayEquals(ramp(6, 12, 0.25f), w.get("shared_b").toFloats());
        BFloat16Array raw = w.get("shared_b").toBFloat16Array();
        assertEquals(BFloat16Array.toBits(ramp(6, 7, 0.25f)[0]), raw.getRaw(0));
        assertArrayEquals(ramp(0, 4, 0.5f), w.get("param").toFloats());
        assertArrayEquals(new long[] {0, 3}, w.get("empty").shape());
        assertEquals(0, w.get("empty").toFloats().length);
    }

    @Test
    void readsAPlainStateDict() {
        try (TorchCheckpoint w = TorchCheckpoint.open(fixture("state_dict.bin"))) {
            checkStateDict(w);
            assertTrue(w.get("f32").data().isReadOnly());
        }
    }

    @Test
    void readsAStateDictNestedUnderModel() {
        try (TorchCheckpoint w = TorchCheckpoint.open(fixture("nested.bin"))) {
            checkStateDict(w);
        }
    }

    @Test
    void readsAModuleStateDictWithItsMetadata() {
        try (TorchCheckpoint w = TorchCheckpoint.open(fixture("module.bin"))) {
            assertEquals(List.of("0.bias", "0.weight", "1.bias", "1.weight"), List.copyOf(w.names()));
            assertArrayEquals(new long[] {3, 2}, w.get("0.weight").shape());
            assertArrayEquals(new float[] {1f, 1f, 1f}, w.get("1.weight").toFloats());
            assertArrayEquals(new float[] {0f, 0f, 0f}, w.get("1.bias").toFloats());
        }
    }

    @Test
    void readsDeflatedEntriesIntoMemory() {
        try (TorchCheckpoint w = TorchCheckpoint.open(fixture("deflated.bin"))) {
            checkStateDict(w);
        }
    }

    @Test
    void refusesANonContiguousTensorByName() {
        String msg = assertThrows(WeightException.class, () -> TorchCheckpoint.open(fixture("noncontiguous.bin"))).getMessage();
        assertContains(msg, "noncontiguous.bin: tensor transposed is not contiguous (shape [3, 2], stride [1, 3])");
    }

    @Test
    void refusesUnknownGlobalsByName() {
        String msg = assertThrows(WeightException.class, () -> TorchCheckpoint.open(fixture("evil.bin"))).getMessage();
        assertContains(msg, "evil.bin: ", "pickle asks for posix.system", "refused");
    }

    @Test
    void namesTheDtypeOfAnIntegerTensor() {
        try (TorchCheckpoint w = TorchCheckpoint.open(fixture("int64.bin"))) {
            assertEquals(DType.I64, w.get("ids").dtype());
            assertContains(assertThrows(WeightException.class, () -> w.get("ids").toFloatArray()).getMessage(),
                    "int64.bin: tensor ids has dtype I64, expected one of F32, BF16, F16");
            assertContains(assertThrows(WeightException.class, () -> w.get("other")).getMessage(), "int64.bin: missing tensor other");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 21, 100, 400, 1000, 2000, 2400})
    void refusesTruncatedArchives(int keep) throws IOException {
        byte[] whole = Files.readAllBytes(fixture("state_dict.bin"));
        Path f = dir.resolve("cut.bin");
        Files.write(f, Arrays.copyOf(whole, Math.min(keep, whole.length)));
        String msg = assertThrows(WeightException.class, () -> TorchCheckpoint.open(f)).getMessage();
        assertTrue(msg.startsWith(f + ": "), msg);
    }

    @Test
    void everySingleByteCorruptionFailsCleanlyOrReads() throws IOException {
        byte[] whole = Files.readAllBytes(fixture("state_dict.bin"));
        Path f = dir.resolve("flip.bin");
        for (int i = 0; i < whole.length; i++) {
            byte[] b = whole.clone();
            b[i] ^= (byte) 0x5a;
            Files.write(f, b);
            try (TorchCheckpoint w = TorchCheckpoint.open(f)) {
                for (String n : w.names()) if (w.get(n).dtype().convertsToFloat()) w.get(n).toFloats();
            } catch (WeightException expected) {
                assertTrue(expected.getMessage().startsWith(f + ": "), "byte " + i + ": " + expected.getMessage());
            }
        }
    }

    @Test
    void refusesLegacyAndNonZipFiles() throws IOException {
        Path legacy = dir.resolve("legacy.bin");
        Files.write(legacy, new byte[] {(byte) 0x80, 2, (byte) 0x8a, 10});
        assertContains(assertThrows(WeightException.class, () -> TorchCheckpoint.open(legacy)).getMessage(), "before torch 1.6");
        Path text = dir.resolve("text.bin");
        Files.writeString(text, "hello, this is not a zip file at all");
        assertContains(assertThrows(WeightException.class, () -> TorchCheckpoint.open(text)).getMessage(), "not a zip archive");
    }
}
