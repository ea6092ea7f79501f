package dev.mamba2j.model.weights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Test helper: writes safetensors files, valid or (through {@link #rawHeader}) deliberately not. */
final class SafeTensorsWriter {
    private record Item(String name, String dtype, long[] shape, byte[] bytes) {}

    private final List<Item> items = new ArrayList<>();
    private String metadata = null;

    SafeTensorsWriter f32(String name, long[] shape, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        return add(name, "F32", shape, b.array());
    }

    /** Raw 16-bit values, for BF16 and F16. */
    SafeTensorsWriter bits16(String name, String dtype, long[] shape, short... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short v : values) b.putShort(v);
        return add(name, dtype, shape, b.array());
    }

    SafeTensorsWriter add(String name, String dtype, long[] shape, byte[] bytes) {
        items.add(new Item(name, dtype, shape, bytes));
        return this;
    }

    SafeTensorsWriter metadata(String json) {
        metadata = json;
        return this;
    }

    /** The header JSON this writer would write. */
    String header() {
        List<String> parts = new ArrayList<>();
        if (metadata != null) parts.add("\"__metadata__\":" + metadata);
        long at = 0;
        for (Item i : items) {
            String shape = Arrays.stream(i.shape()).mapToObj(Long::toString).collect(Collectors.joining(","));
            parts.add("\"" + i.name() + "\":{\"dtype\":\"" + i.dtype() + "\",\"shape\":[" + shape + "],\"data_offsets\":[" + at + "," + (at + i.bytes().length) + "]}");
            at += i.bytes().length;
        }
        return "{" + String.join(",", parts) + "}";
    }

    byte[] data() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        items.forEach(i -> out.writeBytes(i.bytes()));
        return out.toByteArray();
    }

    Path write(Path file) throws IOException {
        return rawHeader(file, header(), data());
    }

    /** A file with exactly this header text and data, padded to 8 bytes as safetensors pads. */
    static Path rawHeader(Path file, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(h);
        for (int i = h.length; i < padded; i++) b.put((byte) ' ');
        b.put(data);
        Files.write(file, b.array());
        return file;
    }
}
