package dev.mamba2j.tornado.driver.vulkan;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static dev.mamba2j.tornado.driver.vulkan.Vk.I;
import static dev.mamba2j.tornado.driver.vulkan.Vk.L;
import static dev.mamba2j.tornado.driver.vulkan.Vk.P;
import static dev.mamba2j.tornado.driver.vulkan.Vk.sig;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One command buffer being recorded, then submitted once and waited for with a fence: the session
 * records copies and dispatches into it, each between two timestamps, and {@link #submit()} runs
 * them all and hands every command its device time. Every command starts behind a full memory
 * barrier (what earlier commands wrote is visible), and the buffer ends with one towards the host.
 */
final class Recorder {
    /** Timestamp pairs per submission: commands past this many submit what is recorded first. */
    static final int CAPACITY = 256;

    private static final CStruct POOL_INFO = CStruct.typed("u32 flags", "u32 queueFamilyIndex");
    private static final CStruct ALLOCATE_INFO = CStruct.typed("u64 commandPool", "u32 level", "u32 commandBufferCount");
    private static final CStruct BEGIN_INFO = CStruct.typed("u32 flags", "ptr pInheritanceInfo");
    private static final CStruct SUBMIT_INFO = CStruct.typed("u32 waitSemaphoreCount", "ptr pWaitSemaphores", "ptr pWaitDstStageMask",
            "u32 commandBufferCount", "ptr pCommandBuffers", "u32 signalSemaphoreCount", "ptr pSignalSemaphores");
    private static final CStruct FENCE_INFO = CStruct.typed("u32 flags");
    private static final CStruct QUERY_POOL_INFO = CStruct.typed("u32 flags", "u32 queryType", "u32 queryCount", "u32 pipelineStatistics");
    private static final CStruct MEMORY_BARRIER = CStruct.typed("u32 srcAccessMask", "u32 dstAccessMask");
    private static final int ALL_COMMANDS = 0x10000, MEMORY_READ = 0x8000, MEMORY_WRITE = 0x10000, HOST_WRITE = 0x4000;

    private final Vk vk;
    private final MemorySegment device, queue;
    private final long pool, fence, queries;
    private final MemorySegment commands;
    private final boolean timestamps;
    private final double nanosPerTick;
    private final long tickMask;
    private final List<long[]> pending = new ArrayList<>();
    private boolean open;
    private long hostStart;

    Recorder(Vk vk, MemorySegment device, MemorySegment queue, int family, int timestampBits, float period) {
        this.vk = vk;
        this.device = device;
        this.queue = queue;
        this.timestamps = timestampBits > 0;
        this.nanosPerTick = period;
        this.tickMask = timestampBits >= 64 ? -1L : (1L << timestampBits) - 1;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment info = POOL_INFO.allocate(a, Vk.STYPE_COMMAND_POOL_CREATE_INFO, 1);
            POOL_INFO.set(info, "flags", Vk.COMMAND_POOL_RESET_BUFFER).set(info, "queueFamilyIndex", family);
            pool = VulkanSession.create(vk, "vkCreateCommandPool", device, info);
            MemorySegment alloc = ALLOCATE_INFO.allocate(a, Vk.STYPE_COMMAND_BUFFER_ALLOCATE_INFO, 1);
            ALLOCATE_INFO.set(alloc, "commandPool", pool).set(alloc, "commandBufferCount", 1);
            MemorySegment out = a.allocate(ADDRESS);
            vk.call("vkAllocateCommandBuffers", sig(P, P, P), device, alloc, out);
            commands = out.get(ADDRESS, 0);
            fence = VulkanSession.create(vk, "vkCreateFence", device, FENCE_INFO.allocate(a, Vk.STYPE_FENCE_CREATE_INFO, 1));
            MemorySegment q = QUERY_POOL_INFO.allocate(a, Vk.STYPE_QUERY_POOL_CREATE_INFO, 1);
            QUERY_POOL_INFO.set(q, "queryType", Vk.QUERY_TIMESTAMP).set(q, "queryCount", 2 * CAPACITY);
            queries = timestamps ? VulkanSession.create(vk, "vkCreateQueryPool", device, q) : 0;
        }
    }

    MemorySegment commandBuffer() { return commands; }

    /**
     * Starts a command (opening the buffer if needed) and returns the slot its time will be written to
     * once submitted; the caller records the command, then calls {@link #end}.
     */
    long[] begin() {
        if (pending.size() == CAPACITY) submit();
        if (!open) {
            try (Arena a = Arena.ofConfined()) {
                vk.call("vkResetCommandBuffer", sig(P, I), commands, 0);
                MemorySegment info = BEGIN_INFO.allocate(a, Vk.STYPE_COMMAND_BUFFER_BEGIN_INFO, 1);
                BEGIN_INFO.set(info, "flags", Vk.COMMAND_BUFFER_ONE_TIME);
                vk.call("vkBeginCommandBuffer", sig(P, P), commands, info);
            }
            if (timestamps) vk.callVoid("vkCmdResetQueryPool", sig(P, L, I, I), commands, queries, 0, 2 * CAPACITY);
            open = true;
            hostStart = System.nanoTime();
        }
        barrier(ALL_COMMANDS, MEMORY_WRITE | HOST_WRITE, ALL_COMMANDS, MEMORY_READ | MEMORY_WRITE);
        long[] slot = new long[1];
        if (timestamps) vk.callVoid("vkCmdWriteTimestamp", sig(P, I, L, I), commands, Vk.STAGE_TOP, queries, 2 * pending.size());
        pending.add(slot);
        return slot;
    }

    void end() {
        if (timestamps) vk.callVoid("vkCmdWriteTimestamp", sig(P, I, L, I), commands, Vk.STAGE_BOTTOM, queries, 2 * pending.size() - 1);
    }

    private void barrier(int srcStage, int srcAccess, int dstStage, int dstAccess) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment b = MEMORY_BARRIER.allocate(a, Vk.STYPE_MEMORY_BARRIER, 1);
            MEMORY_BARRIER.set(b, "srcAccessMask", srcAccess).set(b, "dstAccessMask", dstAccess);
            vk.callVoid("vkCmdPipelineBarrier", sig(P, I, I, I, I, P, I, P, I, P), commands, srcStage, dstStage, 0, 1, b,
                    0, MemorySegment.NULL, 0, MemorySegment.NULL);
        }
    }

    /** Submits what is recorded, waits, and writes each command's device time (ns) into its slot; nothing if empty. */
    void submit() {
        if (!open) return;
        open = false;
        barrier(ALL_COMMANDS, MEMORY_WRITE, Vk.STAGE_HOST, Vk.ACCESS_HOST_READ);
        vk.call("vkEndCommandBuffer", sig(P), commands);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cbs = a.allocate(ADDRESS);
            cbs.set(ADDRESS, 0, commands);
            MemorySegment info = SUBMIT_INFO.allocate(a, Vk.STYPE_SUBMIT_INFO, 1);
            SUBMIT_INFO.set(info, "commandBufferCount", 1).set(info, "pCommandBuffers", cbs);
            vk.call("vkQueueSubmit", sig(P, I, P, L), queue, 1, info, fence);
            MemorySegment fences = a.allocate(JAVA_LONG);
            fences.set(JAVA_LONG, 0, fence);
            vk.call("vkWaitForFences", sig(P, I, P, I, L), device, 1, fences, 1, -1L);
            vk.call("vkResetFences", sig(P, I, P), device, 1, fences);
            int n = pending.size();
            if (timestamps && n > 0) {
                MemorySegment ticks = a.allocate(JAVA_LONG, 2L * n);
                vk.call("vkGetQueryPoolResults", sig(P, L, I, I, L, P, L, I), device, queries, 0, 2 * n, 16L * n, ticks, 8L,
                        Vk.QUERY_RESULT_64 | Vk.QUERY_RESULT_WAIT);
                for (int i = 0; i < n; i++) {
                    long d = (ticks.getAtIndex(JAVA_LONG, 2L * i + 1) - ticks.getAtIndex(JAVA_LONG, 2L * i)) & tickMask;
                    pending.get(i)[0] = Math.round(d * nanosPerTick);
                }
            } else {
                long each = (System.nanoTime() - hostStart) / Math.max(1, n); // no timestamps: the host's time, shared out
                for (long[] slot : pending) slot[0] = each;
            }
        } finally {
            pending.clear();
        }
    }

    void destroy() {
        if (queries != 0) vk.callVoid("vkDestroyQueryPool", sig(P, L, P), device, queries, MemorySegment.NULL);
        vk.callVoid("vkDestroyFence", sig(P, L, P), device, fence, MemorySegment.NULL);
        vk.callVoid("vkDestroyCommandPool", sig(P, L, P), device, pool, MemorySegment.NULL);
    }
}
