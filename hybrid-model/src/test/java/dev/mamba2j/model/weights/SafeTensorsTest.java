package dev.mamba2j.model.weights;

import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeTensorsTest {
    @TempDir Path dir;

    static final float[] F32 = {1.5f, -0.0f, Float.MIN_VALUE, 3.4028235e38f, Float.NaN, 1.00390625f};

    static long[] shape(long... s) { return s; }

    static void assertContains(String msg, String... parts) {
        for (String p : parts) assertTrue(msg.contains(p), "expected \"" + p + "\" in: " + msg);
    }

    private static void assertBits(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++)
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "element " + i);
    }

    @Test
    void readsEveryConvertibleDtypeBitForBit() throws IOException {
        short[] bf16 = {(short) 0x3fc0, (short) 0x8000, (short) 0x7f80, (short) 0x0001};
        short[] f16 = {(short) 0x3c00, (short) 0xfc00, (short) 0x0001, (short) 0x7bff};
        Path f = new SafeTensorsWriter()
                .f32("a", shape(2, 3), F32)
                .bits16("b", "BF16", shape(4), bf16)
                .bits16("c", "F16", shape(2, 2), f16)
                .metadata("{\"format\":\"pt\"}")
                .write(dir.resolve("model.safetensors"));
        try (SafeTensors st = SafeTensors.open(f)) {
            assertEquals(Map.of("format", "pt"), st.metadata());
            assertEquals(List.of("a", "b", "c"), List.copyOf(st.names()));
            Tensor a = st.get("a");
            assertEquals(DType.F32, a.dtype());
            assertArrayEquals(new long[] {2, 3}, a.shape());
            assertEquals(6, a.numel());
            assertBits(F32, a.toFloats());
            assertBits(F32, a.toFloatArray().toHeapArray());

            float[] bfExpected = new float[4];
            for (int i = 0; i < 4; i++) bfExpected[i] = Float.intBitsToFloat((bf16[i] & 0xffff) << 16);
            assertBits(bfExpected, st.get("b").toFloats());
            BFloat16Array raw = st.get("b").toBFloat16Array();
            for (int i = 0; i < 4; i++) assertEquals(bf16[i], raw.getRaw(i));

            float[] hExpected = new float[4];
            for (int i = 0; i < 4; i++) hExpected[i] = Float.float16ToFloat(f16[i]);
            assertBits(hExpected, st.get("c").toFloats());
            assertBits(hExpected, st.get("c").toFloatArray().toHeapArray());
            BFloat16Array fromHalf = st.get("c").toBFloat16Array(); // F16 -> exact fp32 -> bf16 to nearest even
            for (int i = 0; i < 4; i++) assertEquals(BFloat16Array.toBits(hExpected[i]), fromHalf.getRaw(i));
            assertTrue(st.get("c").data().isReadOnly());
        }
    }

    @Test
    void fp32ToBf16RoundsToNearestEvenLikeBFloat16Array() throws IOException {
        float[] v = {1.00390625f /* tie, rounds down to even */, 1.01171875f /* tie, rounds up to even */,
                1.0039063f, -2.7182817f, Float.NaN, Float.POSITIVE_INFINITY, 3.4028235e38f};
        Path f = new SafeTensorsWriter().f32("w", shape(v.length), v).write(dir.resolve("x.safetensors"));
        try (SafeTensors st = SafeTensors.open(f)) {
            BFloat16Array out = st.get("w").toBFloat16Array();
            for (int i = 0; i < v.length; i++) assertEquals(BFloat16Array.toBits(v[i]), out.getRaw(i), "element " + i);
            assertEquals((short) 0x3f80, out.getRaw(0));
            assertEquals((short) 0x3f82, out.getRaw(1));
            FloatArray into = new FloatArray(v.length + 2);
            st.get("w").copyTo(into, 2);
            assertEquals(-2.7182817f, into.get(5));
            assertThrows(IndexOutOfBoundsException.class, () -> st.get("w").copyTo(into, 3));
        }
    }

    @Test
    void missingTensorAndUnconvertibleDtypeNameFileAndTensor() throws IOException {
        Path f = new SafeTensorsWriter().add("ids", "I64", shape(2), new byte[16]).write(dir.resolve("m.safetensors"));
        try (SafeTensors st = SafeTensors.open(f)) {
            assertContains(assertThrows(WeightException.class, () -> st.get("nope")).getMessage(), f + ": missing tensor nope");
            assertContains(assertThrows(WeightException.class, () -> st.get("ids").toFloats()).getMessage(),
                    f + ": tensor ids has dtype I64, expected one of F32, BF16, F16");
            assertEquals(DType.I64, st.get("ids").dtype());
        }
    }

    @Test
    void emptyAndScalarTensors() throws IOException {
        Path f = new SafeTensorsWriter().f32("scalar", shape(), 7f).f32("none", shape(0, 4)).write(dir.resolve("s.safetensors"));
        try (SafeTensors st = SafeTensors.open(f)) {
            assertEquals(1, st.get("scalar").numel());
            assertEquals(7f, st.get("scalar").toFloats()[0]);
            assertEquals(0, st.get("none").toFloats().length);
        }
    }

    private String bad(byte[] bytes) throws IOException {
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, bytes);
        String msg = assertThrows(WeightException.class, () -> SafeTensors.open(f)).getMessage();
        assertTrue(msg.startsWith(f + ": "), msg);
        return msg;
    }

    private String badHeader(String header, int dataBytes) throws IOException {
        Path f = SafeTensorsWriter.rawHeader(dir.resolve("bad.safetensors"), header, new byte[dataBytes]);
        String msg = assertThrows(WeightException.class, () -> SafeTensors.open(f)).getMessage();
        assertTrue(msg.startsWith(f + ": "), msg);
        return msg;
    }

    private static byte[] withLength(long headerLength, int totalBytes) {
        return ByteBuffer.allocate(totalBytes).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength).array();
    }

    @Test
    void refusesBrokenFiles() throws IOException {
        assertContains(bad(new byte[5]), "5 bytes, too short");
        assertContains(bad(withLength(1000, 64)), "header length 1000 runs past the end of the file (64 bytes)");
        assertContains(bad(withLength(200L << 20, 64)), "over the 104857600-byte limit");
        assertContains(bad(withLength(-1, 64)), "header length 18446744073709551615 is over");

        SafeTensorsWriter good = new SafeTensorsWriter().f32("a", shape(2), 1f, 2f).f32("b", shape(2), 3f, 4f);
        byte[] whole = Files.readAllBytes(good.write(dir.resolve("good.safetensors")));
        assertContains(bad(Arrays.copyOf(whole, whole.length - 3)), "tensor b: data_offsets [8, 16] are not inside the 13 bytes of data");
    }

    @Test
    void refusesBadHeaders() throws IOException {
        String ok = "\"dtype\":\"F32\",\"shape\":[2]";
        assertContains(badHeader("{\"a\":{" + ok + ",\"data_offsets\":[0,8]}, \"a\":{" + ok + ",\"data_offsets\":[8,16]}}", 16),
                "tensor a appears twice");
        assertContains(badHeader("{\"a\":{" + ok + ",\"data_offsets\":[0,8]}, \"b\":{" + ok + ",\"data_offsets\":[4,12]}}", 16),
                "tensor b [4, 12) overlaps tensor a [0, 8)");
        assertContains(badHeader("{\"a\":{" + ok + ",\"data_offsets\":[0,12]}}", 16),
                "tensor a: data_offsets [0, 12] hold 12 bytes, but shape [2] of F32 needs 8");
        assertContains(badHeader("{\"a\":{" + ok + ",\"data_offsets\":[8,40]}}", 16), "tensor a: data_offsets [8, 40] are not inside the 16 bytes");
        assertContains(badHeader("{\"a\":{" + ok + ",\"data_offsets\":[8,0]}}", 16), "tensor a: data_offsets [8, 0] are not inside");
        assertContains(badHeader("{\"a\":{\"dtype\":\"F7\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "tensor a: unknown dtype \"F7\"");
        assertContains(badHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8), "tensor a: \"shape\" must hold non-negative integers");
        assertContains(badHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,8]}}", 8),
                "tensor a: shape [4294967296, 4294967296] is too large");
        assertContains(badHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8), "tensor a: \"data_offsets\" must be [begin, end]");
        assertContains(badHeader("{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "tensor a: \"dtype\" must be a string");
        assertContains(badHeader("{\"a\":[1,2]}", 8), "tensor a: header entry must be an object");
        assertContains(badHeader("{\"__metadata__\":{\"x\":1}}", 0), "__metadata__ value of \"x\" must be a string");
        assertContains(badHeader("not json at all", 0), "header is not valid JSON");
        assertContains(badHeader("[1,2]", 0), "header is not a JSON object");
        assertContains(badHeader("{\"a\":{" + ok + ",\"data_offsets\":[0,8]}} {}", 8), "header has data after its JSON object");
        assertContains(badHeader("{\"a\":{" + ok + ",\"data_offsets\":[0,8]}", 8), "header is not valid JSON");
    }

    @Test
    void zeroSizedTensorsMaySitAnywhere() throws IOException {
        String h = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"e\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,4]}}";
        try (SafeTensors st = SafeTensors.open(SafeTensorsWriter.rawHeader(dir.resolve("z.safetensors"), h, new byte[8]))) {
            assertEquals(0, st.get("e").numel());
        }
    }

    @Test
    void everySingleByteCorruptionFailsCleanlyOrReads() throws IOException {
        byte[] whole = Files.readAllBytes(new SafeTensorsWriter().f32("a", shape(2), 1f, 2f).bits16("b", "BF16", shape(1), (short) 1)
                .metadata("{\"k\":\"v\"}").write(dir.resolve("good.safetensors")));
        Path f = dir.resolve("flip.safetensors");
        for (int i = 0; i < whole.length; i++) {
            byte[] b = whole.clone();
            b[i] ^= (byte) 0x5a;
            Files.write(f, b);
            try (SafeTensors st = SafeTensors.open(f)) {
                for (String n : st.names()) if (st.get(n).dtype().convertsToFloat()) st.get(n).toFloats();
            } catch (WeightException expected) {
                assertTrue(expected.getMessage().startsWith(f + ": "), "byte " + i + ": " + expected.getMessage());
            }
        }
    }
}
