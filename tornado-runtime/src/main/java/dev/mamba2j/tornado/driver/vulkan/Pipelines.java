package dev.mamba2j.tornado.driver.vulkan;

import dev.mamba2j.tornado.emit.KernelCode;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.mamba2j.tornado.driver.vulkan.Vk.I;
import static dev.mamba2j.tornado.driver.vulkan.Vk.L;
import static dev.mamba2j.tornado.driver.vulkan.Vk.P;
import static dev.mamba2j.tornado.driver.vulkan.Vk.sig;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A session's kernels: shader modules and layouts made once per module, compute pipelines once per
 * work-group size (specialization constants 0, 1, 2), descriptor sets once per list of buffers (the
 * pool is reset when it runs out, after the recorded work has run).
 */
final class Pipelines {
    private static final CStruct SHADER_INFO = CStruct.typed("u32 flags", "ptr codeSize", "ptr pCode");
    private static final CStruct BINDING = CStruct.of("u32 binding", "u32 descriptorType", "u32 descriptorCount", "u32 stageFlags",
            "ptr pImmutableSamplers");
    private static final CStruct SET_LAYOUT_INFO = CStruct.typed("u32 flags", "u32 bindingCount", "ptr pBindings");
    private static final CStruct PUSH_RANGE = CStruct.of("u32 stageFlags", "u32 offset", "u32 size");
    private static final CStruct LAYOUT_INFO = CStruct.typed("u32 flags", "u32 setLayoutCount", "ptr pSetLayouts",
            "u32 pushConstantRangeCount", "ptr pPushConstantRanges");
    private static final CStruct POOL_SIZE = CStruct.of("u32 type", "u32 descriptorCount");
    private static final CStruct POOL_INFO = CStruct.typed("u32 flags", "u32 maxSets", "u32 poolSizeCount", "ptr pPoolSizes");
    private static final CStruct MAP_ENTRY = CStruct.of("u32 constantID", "u32 offset", "ptr size");
    private static final CStruct SPECIALIZATION = CStruct.of("u32 mapEntryCount", "ptr pMapEntries", "ptr dataSize", "ptr pData");
    private static final CStruct STAGE = CStruct.typed("u32 flags", "u32 stage", "u64 module", "ptr pName", "ptr pSpecializationInfo");
    /** VkComputePipelineCreateInfo: sType, pNext, flags, the stage (48 bytes) at 24, layout at 72, base handle at 80, base index at 88. */
    private static final int PIPELINE_INFO_BYTES = 96, PIPELINE_FLAGS = 16, PIPELINE_STAGE = 24, PIPELINE_LAYOUT = 72, PIPELINE_BASE_INDEX = 88;
    private static final CStruct SET_ALLOCATE = CStruct.typed("u64 descriptorPool", "u32 descriptorSetCount", "ptr pSetLayouts");
    private static final CStruct BUFFER_INFO = CStruct.of("u64 buffer", "u64 offset", "u64 range");
    private static final CStruct WRITE = CStruct.typed("u64 dstSet", "u32 dstBinding", "u32 dstArrayElement", "u32 descriptorCount",
            "u32 descriptorType", "ptr pImageInfo", "ptr pBufferInfo", "ptr pTexelBufferView");
    private static final int SETS_PER_POOL = 32, OUT_OF_POOL_MEMORY = -1000069000, FRAGMENTED_POOL = -12;

    private final Vk vk;
    private final MemorySegment device;
    private final Map<List<Object>, VulkanKernel> kernels = new HashMap<>();

    /** The compiler's statistics of each pipeline, where the session captures them (else null). */
    private final ShaderStatistics statistics;

    boolean capturesStatistics() { return statistics != null; }

    Pipelines(Vk vk, MemorySegment device, ShaderStatistics statistics) {
        this.statistics = statistics;
        this.vk = vk;
        this.device = device;
    }

    VulkanKernel load(KernelCode code, VulkanSession session) {
        List<Object> key = List.of(ByteBuffer.wrap(code.binary()), code.entryName());
        VulkanKernel known = kernels.get(key);
        if (known != null) return known;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment words = a.allocate(code.binary().length, 4);
            words.copyFrom(MemorySegment.ofArray(code.binary()));
            MemorySegment info = SHADER_INFO.allocate(a, Vk.STYPE_SHADER_MODULE_CREATE_INFO, 1);
            SHADER_INFO.set(info, "codeSize", (long) code.binary().length).set(info, "pCode", words);
            long module = VulkanSession.create(vk, "vkCreateShaderModule", device, info);
            int buffers = dev.mamba2j.tornado.emit.spirv.VulkanInterface.buffers(code.params());
            int push = dev.mamba2j.tornado.emit.spirv.VulkanInterface.pushConstantBytes(code.params());
            MemorySegment bindings = BINDING.allocate(a, Math.max(1, buffers));
            for (int i = 0; i < buffers; i++)
                BINDING.set(bindings, i, "binding", i).set(bindings, i, "descriptorType", Vk.DESCRIPTOR_STORAGE_BUFFER)
                        .set(bindings, i, "descriptorCount", 1).set(bindings, i, "stageFlags", Vk.SHADER_STAGE_COMPUTE);
            MemorySegment setInfo = SET_LAYOUT_INFO.allocate(a, Vk.STYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO, 1);
            SET_LAYOUT_INFO.set(setInfo, "bindingCount", buffers).set(setInfo, "pBindings", bindings);
            long setLayout = VulkanSession.create(vk, "vkCreateDescriptorSetLayout", device, setInfo);
            MemorySegment layouts = a.allocate(JAVA_LONG);
            layouts.set(JAVA_LONG, 0, setLayout);
            MemorySegment range = PUSH_RANGE.allocate(a);
            PUSH_RANGE.set(range, "stageFlags", Vk.SHADER_STAGE_COMPUTE).set(range, "size", push);
            MemorySegment layoutInfo = LAYOUT_INFO.allocate(a, Vk.STYPE_PIPELINE_LAYOUT_CREATE_INFO, 1);
            LAYOUT_INFO.set(layoutInfo, "setLayoutCount", 1).set(layoutInfo, "pSetLayouts", layouts)
                    .set(layoutInfo, "pushConstantRangeCount", push > 0 ? 1 : 0).set(layoutInfo, "pPushConstantRanges", range);
            long pipelineLayout = VulkanSession.create(vk, "vkCreatePipelineLayout", device, layoutInfo);
            long pool = 0;
            if (buffers > 0) {
                MemorySegment size = POOL_SIZE.allocate(a);
                POOL_SIZE.set(size, "type", Vk.DESCRIPTOR_STORAGE_BUFFER).set(size, "descriptorCount", SETS_PER_POOL * buffers);
                MemorySegment poolInfo = POOL_INFO.allocate(a, Vk.STYPE_DESCRIPTOR_POOL_CREATE_INFO, 1);
                POOL_INFO.set(poolInfo, "maxSets", SETS_PER_POOL).set(poolInfo, "poolSizeCount", 1).set(poolInfo, "pPoolSizes", size);
                pool = VulkanSession.create(vk, "vkCreateDescriptorPool", device, poolInfo);
            }
            VulkanKernel k = new VulkanKernel(code, session, module, setLayout, pipelineLayout, pool);
            kernels.put(key, k);
            return k;
        }
    }

    /** The compute pipeline of k for a work-group size (made on first use; the driver compiles the shader here). */
    long pipeline(VulkanKernel k, List<Integer> local) {
        Long known = k.pipelines.get(local);
        if (known != null) return known;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment entries = MAP_ENTRY.allocate(a, 3);
            MemorySegment data = a.allocate(JAVA_INT, 3);
            for (int d = 0; d < 3; d++) {
                MAP_ENTRY.set(entries, d, "constantID", d).set(entries, d, "offset", 4 * d).set(entries, d, "size", 4L);
                data.setAtIndex(JAVA_INT, d, local.get(d));
            }
            MemorySegment spec = SPECIALIZATION.allocate(a);
            SPECIALIZATION.set(spec, "mapEntryCount", 3).set(spec, "pMapEntries", entries).set(spec, "dataSize", 12L).set(spec, "pData", data);
            MemorySegment info = a.allocate(PIPELINE_INFO_BYTES, 8);
            info.set(JAVA_INT, 0, Vk.STYPE_COMPUTE_PIPELINE_CREATE_INFO);
            if (statistics != null) info.set(JAVA_INT, PIPELINE_FLAGS, ShaderStatistics.CAPTURE);
            MemorySegment stage = info.asSlice(PIPELINE_STAGE, STAGE.size());
            stage.set(JAVA_INT, 0, Vk.STYPE_PIPELINE_SHADER_STAGE_CREATE_INFO);
            STAGE.set(stage, "stage", Vk.SHADER_STAGE_COMPUTE).set(stage, "module", k.module)
                    .set(stage, "pName", a.allocateFrom(k.code.entryName())).set(stage, "pSpecializationInfo", spec);
            info.set(JAVA_LONG, PIPELINE_LAYOUT, k.pipelineLayout);
            info.set(JAVA_INT, PIPELINE_BASE_INDEX, -1);
            MemorySegment out = a.allocate(JAVA_LONG);
            vk.call("vkCreateComputePipelines", sig(P, L, I, P, P, P), device, 0L, 1, info, MemorySegment.NULL, out);
            long pipeline = out.get(JAVA_LONG, 0);
            k.pipelines.put(local, pipeline);
            if (statistics != null) {
                List<String> stats;
                try {
                    stats = statistics.of(pipeline);
                } catch (RuntimeException e) { // a report the driver fails to give must not cost the pipeline
                    stats = List.of("statistics unavailable: " + e.getMessage());
                }
                k.statistics.put(local, stats);
                System.err.println("mamba2j: vulkan pipeline " + k.code.entryName() + " " + local + ": " + String.join(", ", stats));
            }
            return pipeline;
        }
    }

    /** A descriptor set binding these buffers in order (0 for a kernel without buffers). */
    long descriptorSet(VulkanKernel k, List<Long> buffers, Recorder recorder) {
        if (k.buffers == 0) return 0;
        if (buffers.size() != k.buffers) throw new IllegalArgumentException(k + " takes " + k.buffers + " buffers, got " + buffers.size());
        Long known = k.sets.get(buffers);
        if (known != null) return known;
        long set;
        try {
            set = allocateSet(k);
        } catch (VulkanException e) {
            if (e.code() != OUT_OF_POOL_MEMORY && e.code() != FRAGMENTED_POOL) throw e;
            recorder.submit(); // the recorded work may use the sets about to be dropped
            vk.call("vkResetDescriptorPool", sig(P, L, I), device, k.descriptorPool, 0);
            k.sets.clear();
            set = allocateSet(k);
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment infos = BUFFER_INFO.allocate(a, buffers.size());
            MemorySegment writes = WRITE.allocate(a, Vk.STYPE_WRITE_DESCRIPTOR_SET, buffers.size());
            for (int i = 0; i < buffers.size(); i++) {
                BUFFER_INFO.set(infos, i, "buffer", buffers.get(i)).set(infos, i, "range", -1L); // VK_WHOLE_SIZE
                WRITE.set(writes, i, "dstSet", set).set(writes, i, "dstBinding", i).set(writes, i, "descriptorCount", 1)
                        .set(writes, i, "descriptorType", Vk.DESCRIPTOR_STORAGE_BUFFER)
                        .set(writes, i, "pBufferInfo", infos.asSlice(i * BUFFER_INFO.size(), BUFFER_INFO.size()));
            }
            vk.callVoid("vkUpdateDescriptorSets", sig(P, I, P, I, P), device, buffers.size(), writes, 0, MemorySegment.NULL);
        }
        k.sets.put(List.copyOf(buffers), set);
        return set;
    }

    /**
     * Drops the cached sets that bind a buffer about to be destroyed (a later buffer may get the same
     * handle); they go back to the pool when it is next reset.
     */
    void forget(long buffer) {
        for (VulkanKernel k : kernels.values()) k.sets.keySet().removeIf(key -> key.contains(buffer));
    }

    private long allocateSet(VulkanKernel k) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment layouts = a.allocate(JAVA_LONG);
            layouts.set(JAVA_LONG, 0, k.setLayout);
            MemorySegment info = SET_ALLOCATE.allocate(a, Vk.STYPE_DESCRIPTOR_SET_ALLOCATE_INFO, 1);
            SET_ALLOCATE.set(info, "descriptorPool", k.descriptorPool).set(info, "descriptorSetCount", 1).set(info, "pSetLayouts", layouts);
            MemorySegment out = a.allocate(JAVA_LONG);
            vk.call("vkAllocateDescriptorSets", sig(P, P, P), device, info, out);
            return out.get(JAVA_LONG, 0);
        }
    }

    void destroy(VulkanSession session) {
        for (VulkanKernel k : new ArrayList<>(kernels.values())) {
            for (long p : k.pipelines.values()) session.destroy("vkDestroyPipeline", p);
            session.destroy("vkDestroyDescriptorPool", k.descriptorPool);
            session.destroy("vkDestroyPipelineLayout", k.pipelineLayout);
            session.destroy("vkDestroyDescriptorSetLayout", k.setLayout);
            session.destroy("vkDestroyShaderModule", k.module);
        }
        kernels.clear();
    }
}
