package dev.mamba2j.tornado.driver.vulkan;

import dev.mamba2j.tornado.driver.DeviceBuffer;

import java.lang.foreign.MemorySegment;

/**
 * A VkBuffer and its own VkDeviceMemory; {@code mapped} is the memory as the host sees it where the
 * device's memory is host-visible (CPUs, integrated GPUs), else null and copies go through staging.
 */
final class VulkanBuffer implements DeviceBuffer {
    private final VulkanSession session;
    final long buffer, memory;
    final MemorySegment mapped;
    private final long bytes;
    private boolean freed;

    VulkanBuffer(VulkanSession session, long buffer, long memory, MemorySegment mapped, long bytes) {
        this.session = session;
        this.buffer = buffer;
        this.memory = memory;
        this.mapped = mapped;
        this.bytes = bytes;
    }

    /** The buffer as one of {@code owner}'s live buffers, or an exception saying why not. */
    static VulkanBuffer of(DeviceBuffer buffer, VulkanSession owner) {
        if (!(buffer instanceof VulkanBuffer b) || b.session != owner)
            throw new IllegalArgumentException(buffer + " does not belong to this Vulkan session");
        if (b.freed) throw new IllegalStateException(b + " has been freed");
        return b;
    }

    @Override public long bytes() { return bytes; }

    boolean isFreed() { return freed; }

    void markFreed() { freed = true; }

    @Override public void close() { session.free(this); }

    @Override public String toString() { return "VulkanBuffer[" + bytes + " bytes" + (mapped != null ? ", mapped" : "") + (freed ? ", freed" : "") + "]"; }
}
