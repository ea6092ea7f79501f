package dev.mamba2j.tornado.driver.vulkan;


import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static dev.mamba2j.tornado.driver.vulkan.Vk.P;
import static dev.mamba2j.tornado.driver.vulkan.Vk.sig;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The device's memory types (VkPhysicalDeviceMemoryProperties: a count, then {flags, heap} pairs) and
 * which to use: device-local for buffers, mapped directly when the device is not a discrete GPU and
 * that memory is host-visible and coherent; host-visible coherent (cached if there is such) for staging.
 */
final class Memory {
    private final int[] flags;
    private final boolean discrete;

    /** What a buffer's memory must have, should have, and should not have. */
    record Type(Memory memory, int required, int preferred, int avoided) {
        /** The best memory type among those {@code allowedBits} permits. */
        int index(int allowedBits) {
            int best = -1, bestScore = -1;
            for (int i = 0; i < memory.flags.length; i++) {
                int f = memory.flags[i];
                if ((allowedBits & (1 << i)) == 0 || (f & required) != required) continue;
                int score = ((f & preferred) == preferred ? 2 : 0) + ((f & avoided) == 0 ? 1 : 0);
                if (score > bestScore) {
                    best = i;
                    bestScore = score;
                }
            }
            if (best < 0) throw new IllegalStateException("no Vulkan memory type with flags 0x" + Integer.toHexString(required));
            return best;
        }
    }

    Memory(Vk vk, VulkanDevice device) {
        discrete = isDiscrete(vk, device);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment props = a.allocate(520, 8);
            vk.callVoid("vkGetPhysicalDeviceMemoryProperties", sig(P, P), device.physical, props);
            flags = new int[props.get(JAVA_INT, 0)];
            for (int i = 0; i < flags.length; i++) flags[i] = props.get(JAVA_INT, 4 + 8L * i);
        }
    }

    private static boolean isDiscrete(Vk vk, VulkanDevice device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment props = a.allocate(824, 8);
            vk.callVoid("vkGetPhysicalDeviceProperties", sig(P, P), device.physical, props);
            return props.get(JAVA_INT, 16) == Vk.DEVICE_TYPE_DISCRETE;
        }
    }

    Type deviceType() {
        int host = Vk.MEMORY_HOST_VISIBLE | Vk.MEMORY_HOST_COHERENT;
        return discrete ? new Type(this, Vk.MEMORY_DEVICE_LOCAL, 0, host) : new Type(this, Vk.MEMORY_DEVICE_LOCAL, host, 0);
    }

    /** Whether buffers are mapped: not on a discrete GPU, and only if device-local memory is host-visible and coherent there. */
    boolean deviceMapped() {
        if (discrete) return false;
        int host = Vk.MEMORY_HOST_VISIBLE | Vk.MEMORY_HOST_COHERENT;
        int i = deviceType().index(-1);
        return (flags[i] & host) == host;
    }

    Type stagingType() { return new Type(this, Vk.MEMORY_HOST_VISIBLE | Vk.MEMORY_HOST_COHERENT, Vk.MEMORY_HOST_CACHED, 0); }
}
