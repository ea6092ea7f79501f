package dev.mamba2j.tornado.api.arrays;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An off-heap array: the host copy of a kernel argument. Its segment is what drivers copy to and
 * from device buffers (the JVM driver uses it directly). Memory is freed when the array is
 * unreachable (automatic arena), so arrays need no explicit close.
 */
public abstract sealed class NativeArray permits FloatArray, IntArray, HalfArray, BFloat16Array {
    private final MemorySegment segment;
    private final int length;

    protected NativeArray(int length, int elementBytes) {
        if (length < 0) throw new IllegalArgumentException("array length must be >= 0, got " + length);
        this.length = length;
        this.segment = Arena.ofAuto().allocate(Math.max(1L, (long) length * elementBytes), 16);
    }

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
