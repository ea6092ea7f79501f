package dev.mamba2j.tornado.api.arrays;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Off-heap int32 array. */
public final class IntArray extends NativeArray {
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT_UNALIGNED;

    public IntArray(int length) { super(length, 4); }

    private IntArray(MemorySegment memory, int length) { super(memory, length, 4); }

    static IntArray over(MemorySegment memory, int length) { return new IntArray(memory, length); }

    private IntArray(NativeArray viewed, int length) { super(viewed, length, 4); }

    /**
     * The memory of {@code a} read as ints (a bf16 array as pairs of elements, element 2i in the low half of
     * int i: a kernel can load two bf16 weights at once). Shares the memory and, on a device, the buffer.
     */
    public static IntArray view(NativeArray a) {
        if (a.getNumBytes() % 4 != 0) throw new IllegalArgumentException("an array of " + a.getNumBytes() + " bytes is no whole number of ints");
        return new IntArray(a, (int) (a.getNumBytes() / 4));
    }

    public static IntArray fromArray(int[] values) {
        IntArray a = new IntArray(values.length);
        a.getSegment().asByteBuffer().order(java.nio.ByteOrder.nativeOrder()).asIntBuffer().put(values);
        return a;
    }

    public int get(int index) { return getSegment().getAtIndex(I, index); }

    public void set(int index, int value) { getSegment().setAtIndex(I, index, value); }

    public void init(int value) { for (int i = 0; i < getSize(); i++) set(i, value); }

    public int[] toHeapArray() {
        int[] out = new int[getSize()];
        getSegment().asByteBuffer().order(java.nio.ByteOrder.nativeOrder()).asIntBuffer().get(out);
        return out;
    }

    @Override public int elementBytes() { return 4; }
}
