package dev.mamba2j.model.weights;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * One memory-mapped safetensors file: an 8-byte little-endian header length, that many bytes of
 * JSON describing each tensor, then the tensors' bytes. Every header entry is checked against the
 * file when it is opened (see {@link SafeTensorsHeader}), so a bad file fails here, not later.
 */
public final class SafeTensors extends MappedFile {
    /** Longest header accepted; real ones are well under a megabyte. */
    static final long MAX_HEADER_BYTES = 100L << 20;

    private final Map<String, String> metadata;

    private SafeTensors(String source, Arena arena, Map<String, Tensor> tensors, Map<String, String> metadata) {
        super(source, arena, tensors);
        this.metadata = Map.copyOf(metadata);
    }

    /**
     * Maps and checks {@code file}.
     *
     * @throws WeightException naming the file, and the tensor where one is at fault
     */
    public static SafeTensors open(Path file) {
        String name = file.toString();
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) throw new WeightException(name + ": " + size + " bytes, too short for the 8-byte header length");
            MemorySegment all = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            long headerLength = all.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
            if (headerLength < 0 || headerLength > MAX_HEADER_BYTES)
                throw new WeightException(name + ": header length " + Long.toUnsignedString(headerLength) + " is over the " + MAX_HEADER_BYTES + "-byte limit");
            if (headerLength > size - 8)
                throw new WeightException(name + ": header length " + headerLength + " runs past the end of the file (" + size + " bytes)");
            byte[] json = all.asSlice(8, headerLength).toArray(ValueLayout.JAVA_BYTE);
            MemorySegment data = all.asSlice(8 + headerLength);
            SafeTensorsHeader header = SafeTensorsHeader.parse(name, json, data.byteSize());
            Map<String, Tensor> tensors = new TreeMap<>();
            for (SafeTensorsHeader.Entry e : header.entries())
                tensors.put(e.name(), new Tensor(name, e.name(), e.dtype(), e.shape(), data.asSlice(e.begin(), e.end() - e.begin())));
            return new SafeTensors(name, arena, tensors, header.metadata());
        } catch (IOException e) {
            arena.close();
            throw new WeightException(name + ": cannot read: " + e, e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** The {@code __metadata__} strings of the header, empty if it has none. */
    public Map<String, String> metadata() { return metadata; }

}
