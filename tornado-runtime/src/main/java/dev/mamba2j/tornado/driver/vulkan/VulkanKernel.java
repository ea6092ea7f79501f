package dev.mamba2j.tornado.driver.vulkan;

import dev.mamba2j.tornado.driver.LoadedKernel;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.spirv.VulkanInterface;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A shader module with its layouts: one descriptor binding per buffer, the push-constant block, one
 * compute pipeline per work-group size (the size is a specialization constant) and descriptor sets
 * cached per list of buffers. Owned and destroyed by its session.
 */
final class VulkanKernel implements LoadedKernel {
    final KernelCode code;
    final VulkanSession session;
    final long module, setLayout, pipelineLayout, descriptorPool;
    final int[] slots;
    final int buffers, pushBytes;
    final Map<List<Integer>, Long> pipelines = new HashMap<>();
    final Map<List<Long>, Long> sets = new HashMap<>();
    /** What the driver's compiler reported of each pipeline, where the session captures it ({@link ShaderStatistics}). */
    final Map<List<Integer>, List<String>> statistics = new HashMap<>();

    VulkanKernel(KernelCode code, VulkanSession session, long module, long setLayout, long pipelineLayout, long descriptorPool) {
        this.code = code;
        this.session = session;
        this.module = module;
        this.setLayout = setLayout;
        this.pipelineLayout = pipelineLayout;
        this.descriptorPool = descriptorPool;
        this.slots = VulkanInterface.slots(code.params());
        this.buffers = VulkanInterface.buffers(code.params());
        this.pushBytes = VulkanInterface.pushConstantBytes(code.params());
    }

    @Override public KernelCode code() { return code; }

    @Override public String toString() { return "VulkanKernel[" + code.entryName() + "]"; }
}
