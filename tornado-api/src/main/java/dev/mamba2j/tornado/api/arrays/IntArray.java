package dev.mamba2j.tornado.api.arrays;

import java.lang.foreign.ValueLayout;

/** Off-heap int32 array. */
public final class IntArray extends NativeArray {
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT_UNALIGNED;

    public IntArray(int length) { super(length, 4); }

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
