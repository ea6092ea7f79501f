package dev.mamba2j.tornado.driver.cuda;

import dev.mamba2j.tornado.driver.KernelArg;
import dev.mamba2j.tornado.emit.KernelCode;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Builds the {@code kernelParams} array of {@code cuLaunchKernel}: one pointer per parameter, each
 * pointing to the argument's value (a device pointer for buffers, the scalar otherwise).
 * Arguments are checked against the kernel's declared parameters first, so a mismatch fails in
 * Java with a message instead of as garbage on the device.
 */
final class KernelParams {
    private KernelParams() {}

    /** Each value gets an 8-byte slot, enough and aligned for every parameter type. */
    static MemorySegment build(Arena arena, KernelCode code, List<KernelArg> args, CudaSession owner) {
        check(code, args);
        int n = args.size();
        MemorySegment values = arena.allocate(8L * Math.max(n, 1), 8);
        MemorySegment pointers = arena.allocate(ADDRESS, Math.max(n, 1));
        for (int i = 0; i < n; i++) {
            MemorySegment slot = values.asSlice(8L * i, 8);
            switch (args.get(i)) {
                case KernelArg.Buffer b -> slot.set(JAVA_LONG, 0, CudaBuffer.of(b.buffer(), owner).devicePointer());
                case KernelArg.Int v -> slot.set(JAVA_INT, 0, v.value());
                case KernelArg.Long v -> slot.set(JAVA_LONG, 0, v.value());
                case KernelArg.Float v -> slot.set(JAVA_FLOAT, 0, v.value());
                case KernelArg.Double v -> slot.set(JAVA_DOUBLE, 0, v.value());
            }
            pointers.setAtIndex(ADDRESS, i, slot);
        }
        return pointers;
    }

    /** Same count and kinds as {@code code.params()} (skipped when the code declares none). */
    static void check(KernelCode code, List<KernelArg> args) {
        List<KernelCode.Param> params = code.params();
        if (params == null || params.isEmpty()) return;
        if (params.size() != args.size())
            throw new IllegalArgumentException(code.entryName() + " takes " + params.size() + " arguments, got " + args.size());
        for (int i = 0; i < args.size(); i++) {
            KernelCode.Param p = params.get(i);
            Class<? extends KernelArg> expected = switch (p.kind()) {
                case BUFFER -> KernelArg.Buffer.class;
                case ARRAY_LENGTH -> KernelArg.Int.class;
                case SCALAR -> scalarArg(p.type());
            };
            if (!expected.isInstance(args.get(i)))
                throw new IllegalArgumentException(code.entryName() + " argument " + i + " (" + p + ") needs a "
                        + expected.getSimpleName() + ", got " + args.get(i));
        }
    }

    private static Class<? extends KernelArg> scalarArg(Class<?> type) {
        if (type == int.class || type == boolean.class) return KernelArg.Int.class;
        if (type == long.class) return KernelArg.Long.class;
        if (type == float.class) return KernelArg.Float.class;
        if (type == double.class) return KernelArg.Double.class;
        throw new IllegalArgumentException("unsupported scalar parameter type " + type);
    }
}
