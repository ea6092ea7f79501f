package dev.mamba2j.model.weights;

import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * One stored tensor: its name, element type, row-major shape and a read-only view of its
 * little-endian bytes, which stay valid until the {@link WeightFiles} it came from is closed.
 * Conversions widen BF16 and F16 to fp32 exactly and round fp32 to BF16 to nearest even, as
 * {@link BFloat16Array} does.
 */
public final class Tensor {
    private static final ValueLayout.OfFloat LE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final String file;
    private final String name;
    private final DType dtype;
    private final long[] shape;
    private final MemorySegment data;

    /** {@code data} must hold exactly product(shape) elements of {@code dtype}. */
    Tensor(String file, String name, DType dtype, long[] shape, MemorySegment data) {
        this.file = file;
        this.name = name;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data.asReadOnly();
        if (Math.multiplyExact(numel(this.shape), dtype.byteSize()) != data.byteSize())
            throw new IllegalArgumentException(name + ": " + data.byteSize() + " bytes for shape " + Arrays.toString(shape) + " of " + dtype);
    }

    /**
     * {@code parts} stacked along their first dimension into one tensor named {@code name} (held in memory);
     * parts of different dtypes are stacked as F32.
     *
     * @throws WeightException if their other dimensions differ
     */
    static Tensor stacked(String name, List<Tensor> parts) {
        Tensor first = parts.get(0);
        long rows = 0;
        boolean sameType = true;
        for (Tensor p : parts) {
            if (p.rank() != first.rank() || p.rank() == 0 || !Arrays.equals(p.shape, 1, p.rank(), first.shape, 1, first.rank()))
                throw new WeightException(p.file() + ": tensor " + p.name() + " has shape " + p.shapeString() + ", which does not stack with "
                        + first.name() + " " + first.shapeString() + " into " + name);
            rows += p.shape[0];
            sameType &= p.dtype == first.dtype;
        }
        long[] shape = first.shape.clone();
        shape[0] = rows;
        DType type = sameType ? first.dtype : DType.F32;
        MemorySegment data = Arena.ofAuto().allocate(numel(shape) * type.byteSize(), 8);
        long at = 0;
        for (Tensor p : parts) {
            if (sameType) MemorySegment.copy(p.data, 0, data, at, p.data.byteSize());
            else MemorySegment.copy(p.toFloats(), 0, data, LE_FLOAT, at, (int) p.numel());
            at += p.numel() * type.byteSize();
        }
        return new Tensor(first.file(), name, type, shape, data);
    }

    /** The file it was read from, as error messages name it. */
    public String file() { return file; }

    /** Its name in the file. */
    public String name() { return name; }

    public DType dtype() { return dtype; }

    /** The sizes of its dimensions, outermost first (a copy). */
    public long[] shape() { return shape.clone(); }

    public int rank() { return shape.length; }

    /** Number of elements: the product of the shape (1 for a scalar). */
    public long numel() { return numel(shape); }

    /** Whether the shape is exactly {@code dims}. */
    public boolean hasShape(long... dims) { return Arrays.equals(shape, dims); }

    /** The shape as {@code [a, b]}. */
    public String shapeString() { return Arrays.toString(shape); }

    /** Its bytes, little-endian, read-only. */
    public MemorySegment data() { return data; }

    /** All elements as fp32 on the heap. */
    public float[] toFloats() {
        int n = elementCount();
        float[] out = new float[n];
        if (dtype == DType.F32) MemorySegment.copy(data, LE_FLOAT, 0, out, 0, n);
        else for (int i = 0; i < n; i++) out[i] = widen(i);
        return out;
    }

    /** A new off-heap fp32 array holding every element. */
    public FloatArray toFloatArray() {
        FloatArray a = new FloatArray(elementCount());
        copyTo(a, 0);
        return a;
    }

    /** A new off-heap bf16 array holding every element (fp32 and F16 rounded to nearest even). */
    public BFloat16Array toBFloat16Array() {
        BFloat16Array a = new BFloat16Array(elementCount());
        copyTo(a, 0);
        return a;
    }

    /** Writes every element as fp32 into {@code dst} from index {@code at}. */
    public void copyTo(FloatArray dst, int at) {
        int n = checkTarget(dst.getSize(), at);
        MemorySegment out = dst.getSegment();
        long base = (long) at * Float.BYTES;
        switch (dtype) {
            case F32 -> MemorySegment.copy(data, LE_FLOAT, 0, out, ValueLayout.JAVA_FLOAT_UNALIGNED, base, n);
            case BF16, F16 -> {
                for (int i = 0; i < n; i++) out.set(ValueLayout.JAVA_FLOAT_UNALIGNED, base + 4L * i, widen(i));
            }
            default -> throw wrongType();
        }
    }

    /** Writes every element as bf16 into {@code dst} from index {@code at}. */
    public void copyTo(BFloat16Array dst, int at) {
        int n = checkTarget(dst.getSize(), at);
        MemorySegment out = dst.getSegment();
        long base = (long) at * Short.BYTES;
        switch (dtype) {
            case BF16 -> MemorySegment.copy(data, LE_SHORT, 0, out, ValueLayout.JAVA_SHORT_UNALIGNED, base, n);
            case F32, F16 -> {
                for (int i = 0; i < n; i++) out.set(ValueLayout.JAVA_SHORT_UNALIGNED, base + 2L * i, BFloat16Array.toBits(widen(i)));
            }
            default -> throw wrongType();
        }
    }

    @Override
    public String toString() { return name + " " + dtype + " " + shapeString() + " (" + file + ")"; }

    /** Element i as fp32: exact for every convertible type. */
    private float widen(int i) {
        return switch (dtype) {
            case F32 -> data.getAtIndex(LE_FLOAT, i);
            case BF16 -> BFloat16Array.toFloat(data.getAtIndex(LE_SHORT, i));
            case F16 -> Float.float16ToFloat(data.getAtIndex(LE_SHORT, i));
            default -> throw wrongType();
        };
    }

    private int elementCount() {
        if (!dtype.convertsToFloat()) throw wrongType();
        long n = numel();
        if (n > Integer.MAX_VALUE - 8)
            throw new WeightException(file + ": tensor " + name + " has " + n + " elements, more than one array holds");
        return (int) n;
    }

    private int checkTarget(int size, int at) {
        int n = elementCount();
        if (at < 0 || (long) at + n > size)
            throw new IndexOutOfBoundsException("tensor " + name + " (" + n + " elements) does not fit at " + at + " in an array of " + size);
        return n;
    }

    private WeightException wrongType() {
        return new WeightException(file + ": tensor " + name + " has dtype " + dtype + ", expected one of F32, BF16, F16");
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) n = Math.multiplyExact(n, d);
        return n;
    }
}
