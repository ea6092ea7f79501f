package dev.mamba2j.tornado.driver.vulkan;

import dev.mamba2j.tornado.driver.KernelArg;
import dev.mamba2j.tornado.emit.KernelCode;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/** The push-constant bytes of a launch: each non-buffer argument at its offset ({@code VulkanInterface.slots}). */
final class PushConstants {
    private PushConstants() {}

    static MemorySegment of(Arena arena, VulkanKernel k, List<KernelArg> args) {
        MemorySegment out = arena.allocate(k.pushBytes, 8);
        List<KernelCode.Param> params = k.code.params();
        if (args.size() != params.size())
            throw new IllegalArgumentException(k + " takes " + params.size() + " arguments, got " + args.size());
        for (int i = 0; i < args.size(); i++) {
            long at = k.slots[i];
            switch (args.get(i)) {
                case KernelArg.Buffer b -> {}
                case KernelArg.Int v -> out.set(JAVA_INT_UNALIGNED, at, v.value());
                case KernelArg.Long v -> out.set(JAVA_LONG_UNALIGNED, at, v.value());
                case KernelArg.Float v -> out.set(JAVA_FLOAT_UNALIGNED, at, v.value());
                case KernelArg.Double v -> out.set(JAVA_DOUBLE_UNALIGNED, at, v.value());
            }
        }
        return out;
    }
}
