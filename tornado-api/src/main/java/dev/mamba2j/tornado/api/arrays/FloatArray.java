package dev.mamba2j.tornado.api.arrays;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Off-heap fp32 array. */
public final class FloatArray extends NativeArray {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    public FloatArray(int length) { super(length, 4); }

    private FloatArray(MemorySegment memory, int length) { super(memory, length, 4); }

    static FloatArray over(MemorySegment memory, int length) { return new FloatArray(memory, length); }

    public static FloatArray fromArray(float[] values) {
        FloatArray a = new FloatArray(values.length);
        a.getSegment().asByteBuffer().order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer().put(values);
        return a;
    }

    public float get(int index) { return getSegment().getAtIndex(F, index); }

    public void set(int index, float value) { getSegment().setAtIndex(F, index, value); }

    public void init(float value) { for (int i = 0; i < getSize(); i++) set(i, value); }

    public float[] toHeapArray() {
        float[] out = new float[getSize()];
        getSegment().asByteBuffer().order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer().get(out);
        return out;
    }

    @Override public int elementBytes() { return 4; }
}
