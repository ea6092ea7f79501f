package dev.mamba2j.tornado.api.arrays;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An off-heap array: the host copy of a kernel argument. Its segment is what drivers copy to and
 * from device buffers (the JVM driver uses it directly). Memory is freed when the array is
 * unreachable (automatic arena), so arrays need no explicit close. An array may be a view of another's
 * memory with another element type ({@link IntArray#view}); it then shares that array's device buffer too.
 */
public abstract sealed class NativeArray permits FloatArray, IntArray, HalfArray, BFloat16Array {
    private final MemorySegment segment;
    private final int length;
    /** The array that owns this one's memory: itself, or the array this one views. */
    private final NativeArray storage;

    protected NativeArray(int length, int elementBytes) {
        if (length < 0) throw new IllegalArgumentException("array length must be >= 0, got " + length);
        this.length = length;
        this.segment = Arena.ofAuto().allocate(Math.max(1L, (long) length * elementBytes), 16);
        this.storage = this;
    }

    /** A view of {@code viewed}'s memory as {@code length} elements of this class's type. */
    protected NativeArray(NativeArray viewed, int length, int elementBytes) {
        if ((long) length * elementBytes > viewed.getNumBytes())
            throw new IllegalArgumentException(length + " elements of " + elementBytes + " bytes do not fit in an array of " + viewed.getNumBytes() + " bytes");
        this.length = length;
        this.storage = viewed.storage;
        this.segment = storage.segment;
    }

    /** An array over {@code memory}, which must hold {@code length} elements. */
    NativeArray(MemorySegment memory, int length, int elementBytes) {
        if (memory.byteSize() < (long) length * elementBytes)
            throw new IllegalArgumentException(length + " elements of " + elementBytes + " bytes do not fit in " + memory.byteSize() + " bytes");
        this.length = length;
        this.segment = memory;
        this.storage = this;
    }

    /**
     * An array of this one's type and length over {@code memory} instead of this one's: a runtime gives
     * a device that runs Java (the JVM device) copies of its own this way, so that a kernel there sees
     * what was sent to the device, as on a device with memory of its own, not the host array.
     */
    public final NativeArray withMemory(MemorySegment memory) {
        return switch (this) {
            case FloatArray f -> FloatArray.over(memory, length);
            case IntArray i -> IntArray.over(memory, length);
            case HalfArray h -> HalfArray.over(memory, length);
            case BFloat16Array b -> BFloat16Array.over(memory, length);
        };
    }

    /** The array whose memory (and device buffer) this one uses: this array, unless it is a view. */
    public final NativeArray storage() { return storage; }

    /** Number of elements. */
    public final int getSize() { return length; }

    /** Size in bytes of the data. */
    public final long getNumBytes() { return (long) length * elementBytes(); }

    /** The backing off-heap memory. */
    public final MemorySegment getSegment() { return segment; }

    /** Bytes per element. */
    public abstract int elementBytes();

    protected final void checkIndex(int index) {
        if (index < 0 || index >= length)
            throw new IndexOutOfBoundsException("index " + index + " out of bounds for length " + length);
    }
}
