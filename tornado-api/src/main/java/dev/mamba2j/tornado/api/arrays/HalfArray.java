package dev.mamba2j.tornado.api.arrays;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Off-heap IEEE fp16 array. {@link #get} and {@link #set} convert with Java's
 * {@link Float#float16ToFloat} / {@link Float#floatToFloat16} (round to nearest even), the semantics
 * device code must match.
 */
public final class HalfArray extends NativeArray {
    private static final ValueLayout.OfShort S = ValueLayout.JAVA_SHORT_UNALIGNED;

    public HalfArray(int length) { super(length, 2); }

    private HalfArray(MemorySegment memory, int length) { super(memory, length, 2); }

    static HalfArray over(MemorySegment memory, int length) { return new HalfArray(memory, length); }

    public static HalfArray fromArray(float[] values) {
        HalfArray a = new HalfArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    public float get(int index) { return Float.float16ToFloat(getRaw(index)); }

    public void set(int index, float value) { setRaw(index, Float.floatToFloat16(value)); }

    public short getRaw(int index) { return getSegment().getAtIndex(S, index); }

    public void setRaw(int index, short bits) { getSegment().setAtIndex(S, index, bits); }

    public float[] toHeapArray() {
        float[] out = new float[getSize()];
        for (int i = 0; i < out.length; i++) out[i] = get(i);
        return out;
    }

    @Override public int elementBytes() { return 2; }
}
