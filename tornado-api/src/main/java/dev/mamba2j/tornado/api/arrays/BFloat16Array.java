package dev.mamba2j.tornado.api.arrays;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Off-heap bfloat16 array, kept as raw 16-bit values (the upper half of an fp32). {@link #set}
 * rounds to nearest even (NaN stays a quiet NaN), {@link #get} widens exactly; device code uses
 * the same two conversions ({@link #toBits}, {@link #toFloat}).
 */
public final class BFloat16Array extends NativeArray {
    private static final ValueLayout.OfShort S = ValueLayout.JAVA_SHORT_UNALIGNED;

    public BFloat16Array(int length) { super(length, 2); }

    private BFloat16Array(MemorySegment memory, int length) { super(memory, length, 2); }

    static BFloat16Array over(MemorySegment memory, int length) { return new BFloat16Array(memory, length); }

    public static BFloat16Array fromArray(float[] values) {
        BFloat16Array a = new BFloat16Array(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    /** fp32 -> bf16 bits, round to nearest even; NaN maps to a quiet NaN. */
    public static short toBits(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0x7fffffff) > 0x7f800000) return (short) ((bits >>> 16) | 0x0040);
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** bf16 bits -> fp32, exact. */
    public static float toFloat(short bits) { return Float.intBitsToFloat((bits & 0xffff) << 16); }

    public float get(int index) { return toFloat(getRaw(index)); }

    public void set(int index, float value) { setRaw(index, toBits(value)); }

    public short getRaw(int index) { return getSegment().getAtIndex(S, index); }

    public void setRaw(int index, short bits) { getSegment().setAtIndex(S, index, bits); }

    public float[] toHeapArray() {
        float[] out = new float[getSize()];
        for (int i = 0; i < out.length; i++) out[i] = get(i);
        return out;
    }

    @Override public int elementBytes() { return 2; }
}
