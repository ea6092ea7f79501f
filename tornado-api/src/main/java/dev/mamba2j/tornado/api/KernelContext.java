package dev.mamba2j.tornado.api;

import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * What a kernel sees of its launch: ids and sizes in x/y/z, the work-group barrier, work-group
 * local arrays, atomics and the work-group matrix product. A kernel takes it as a parameter and reads its fields; the JIT maps each
 * field and method to the device's built-in, and the JVM driver gives every work-item its own
 * instance. The instance passed to {@code TaskGraph.task} is only a placeholder.
 */
public final class KernelContext {
    public final int globalIdx, globalIdy, globalIdz;
    public final int localIdx, localIdy, localIdz;
    public final int groupIdx, groupIdy, groupIdz;
    /** Global sizes (total work-items) per dimension. */
    public final int globalGroupSizeX, globalGroupSizeY, globalGroupSizeZ;
    /** Work-group (local) sizes per dimension. */
    public final int localGroupSizeX, localGroupSizeY, localGroupSizeZ;

    private final WorkGroup group;
    private int localArraysAllocated;

    /** A placeholder to pass to {@code TaskGraph.task}; its ids are all zero and sizes one. */
    public KernelContext() {
        this(new int[3], new int[3], new int[3], new int[] {1, 1, 1}, new int[] {1, 1, 1}, null);
    }

    private KernelContext(int[] global, int[] local, int[] groupId, int[] globalSize, int[] localSize, WorkGroup group) {
        globalIdx = global[0]; globalIdy = global[1]; globalIdz = global[2];
        localIdx = local[0]; localIdy = local[1]; localIdz = local[2];
        groupIdx = groupId[0]; groupIdy = groupId[1]; groupIdz = groupId[2];
        globalGroupSizeX = globalSize[0]; globalGroupSizeY = globalSize[1]; globalGroupSizeZ = globalSize[2];
        localGroupSizeX = localSize[0]; localGroupSizeY = localSize[1]; localGroupSizeZ = localSize[2];
        this.group = group;
    }

    /** For drivers that run kernels on the host: the context of one work-item of {@code group}. */
    public static KernelContext forWorkItem(int[] global, int[] local, int[] groupId, int[] globalSize,
                                            int[] localSize, WorkGroup group) {
        return new KernelContext(global, local, groupId, globalSize, localSize, group);
    }

    /** Waits until every work-item of the work-group reaches the barrier; local memory is then consistent. */
    public void localBarrier() {
        if (group != null) group.barrier();
    }

    /** A work-group local fp32 array; {@code size} must be a compile-time constant for devices. */
    public float[] allocateFloatLocalArray(int size) {
        if (group == null) return new float[size];
        return (float[]) group.localArray(localArraysAllocated++, float.class, size);
    }

    /** A work-group local int array; {@code size} must be a compile-time constant for devices. */
    public int[] allocateIntLocalArray(int size) {
        if (group == null) return new int[size];
        return (int[]) group.localArray(localArraysAllocated++, int.class, size);
    }

    /** Atomically adds {@code value} to {@code array[index]}; returns the previous value. */
    public int atomicAdd(IntArray array, int index, int value) {
        return Atomics.addInt(array, index, value);
    }

    /** Atomically adds {@code value} to {@code array[index]}; returns the previous value. */
    public float atomicAdd(FloatArray array, int index, float value) {
        return Atomics.addFloat(array, index, value);
    }

    /** Atomically adds {@code value} to a work-group local {@code array[index]}; returns the previous value. */
    public int atomicAdd(int[] localArray, int index, int value) {
        return Atomics.addLocalInt(localArray, index, value);
    }

    /**
     * C += A·B over work-group local arrays, computed by the whole work-group together: every
     * work-item calls it with the same arguments, and it is a barrier before and after. Row-major:
     * A is m×k with row stride lda, B is k×n with ldb, C is m×n with ldc. The result is at least as
     * accurate as fp32 fused multiply-adds (devices with matrix units use split TF32 products).
     *
     * <p>Portable rules, checked on every device: m a multiple of 16, n and k multiples of 8, all
     * six sizes compile-time constants on devices, and a work-group size that is a multiple of 32
     * (a matrix unit works on 32 work-items at once). Rows may be padded (lda ≥ k, ldb and ldc ≥ n)
     * so that a device's fragment reads avoid bank conflicts: see {@link LocalGemm}.
     */
    public void localGemm(int m, int n, int k, float[] a, int lda, float[] b, int ldb, float[] c, int ldc) {
        int items = localGroupSizeX * localGroupSizeY * localGroupSizeZ;
        LocalGemm.check(m, n, k, a.length, lda, b.length, ldb, c.length, ldc, group == null ? 32 : items);
        localBarrier();
        int id = group == null ? 0 : (localIdz * localGroupSizeY + localIdy) * localGroupSizeX + localIdx;
        LocalGemm.multiplyAdd(m, n, k, a, lda, b, ldb, c, ldc, id, group == null ? 1 : items);
        localBarrier();
    }

    /**
     * {@link #localGemm} where rounding A and B to TF32 (10-bit mantissa, relative error up to 2⁻¹¹
     * per input) is acceptable, e.g. when they hold bf16 data, which TF32 represents exactly: one
     * tensor-core product per step instead of three. Devices without matrix units compute it in fp32.
     * Same rules as {@link #localGemm}.
     */
    public void localGemmTf32(int m, int n, int k, float[] a, int lda, float[] b, int ldb, float[] c, int ldc) {
        localGemm(m, n, k, a, lda, b, ldb, c, ldc);
    }

    /**
     * {@link #localGemmTf32} where {@code tf32} is true, {@link #localGemm} where it is false; the flag
     * may be a runtime value, the same for the whole work-group. Prefer this to calling one or the other
     * in the two arms of an {@code if}: the barriers then stay outside any branch, which some OpenCL
     * compilers (PoCL 5.0) need.
     */
    public void localGemm(int m, int n, int k, float[] a, int lda, float[] b, int ldb, float[] c, int ldc, boolean tf32) {
        localGemm(m, n, k, a, lda, b, ldb, c, ldc);
    }

    /**
     * The host side of one work-group: its barrier and its local arrays. The n-th local array a
     * work-item allocates is the same array for every work-item of the group.
     */
    public interface WorkGroup {
        void barrier();

        Object localArray(int ordinal, Class<?> elementType, int size);
    }
}
