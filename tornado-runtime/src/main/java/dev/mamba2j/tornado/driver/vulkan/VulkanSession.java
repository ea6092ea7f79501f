package dev.mamba2j.tornado.driver.vulkan;

import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.driver.DeviceBuffer;
import dev.mamba2j.tornado.driver.DeviceSession;
import dev.mamba2j.tornado.driver.KernelArg;
import dev.mamba2j.tornado.driver.LoadedKernel;
import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.Printer;
import dev.mamba2j.tornado.emit.spirv.CooperativeMatrices;
import dev.mamba2j.tornado.emit.spirv.SpirvPrinter;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static dev.mamba2j.tornado.driver.vulkan.Vk.I;
import static dev.mamba2j.tornado.driver.vulkan.Vk.L;
import static dev.mamba2j.tornado.driver.vulkan.Vk.P;
import static dev.mamba2j.tornado.driver.vulkan.Vk.sig;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A logical device with one compute queue. Copies and launches are recorded into one command
 * buffer ({@link Recorder}): a blocking call submits it at once; {@link #enqueue} only records, so a
 * plan's launches up to {@link #finish()} run as one submission. Buffers live in device-local memory;
 * where that memory is also host-visible (lavapipe, integrated GPUs) copies are plain memory copies,
 * else they go through a host-visible staging buffer. Methods are synchronized: one thread at a time.
 */
public final class VulkanSession implements DeviceSession {
    private static final CStruct QUEUE_INFO = CStruct.typed("u32 flags", "u32 queueFamilyIndex", "u32 queueCount", "ptr pQueuePriorities");
    private static final CStruct DEVICE_INFO = CStruct.typed("u32 flags", "u32 queueCreateInfoCount", "ptr pQueueCreateInfos",
            "u32 enabledLayerCount", "ptr ppEnabledLayerNames", "u32 enabledExtensionCount", "ptr ppEnabledExtensionNames", "ptr pEnabledFeatures");
    private static final CStruct STORAGE_16 = CStruct.typed("u32 storageBuffer16BitAccess", "u32 uniformAndStorageBuffer16BitAccess",
            "u32 storagePushConstant16", "u32 storageInputOutput16");
    private static final CStruct BUFFER_INFO = CStruct.typed("u32 flags", "u64 size", "u32 usage", "u32 sharingMode",
            "u32 queueFamilyIndexCount", "ptr pQueueFamilyIndices");
    private static final CStruct MEMORY_INFO = CStruct.typed("u64 allocationSize", "u32 memoryTypeIndex");
    private static final CStruct BUFFER_COPY = CStruct.of("u64 srcOffset", "u64 dstOffset", "u64 size");

    private final VulkanDevice device;
    private final Vk vk;
    final MemorySegment handle;
    private final Memory memory;
    private final Recorder recorder;
    private final Pipelines pipelines;
    private final Set<VulkanBuffer> buffers = new LinkedHashSet<>();
    private VulkanBuffer staging;
    private final boolean fusedFma;
    /** The matrix units localGemm uses: the device's where it has the bf16 product, unless turned off. */
    private final CooperativeMatrices matrices;
    /** {@code -Dmamba2j.vulkan.matrices=false}: localGemm as the portable loop even where the device has matrix units. */
    public static final String MATRICES_PROPERTY = "mamba2j.vulkan.matrices";
    private boolean closed;

    VulkanSession(VulkanDevice device) {
        this.device = device;
        this.vk = device.vk;
        this.matrices = Boolean.parseBoolean(System.getProperty(MATRICES_PROPERTY, "true")) && device.matrices.bf16Product() != null
                ? device.matrices : CooperativeMatrices.NONE;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment storage16 = STORAGE_16.allocate(a, Vk.STYPE_PHYSICAL_DEVICE_16BIT_STORAGE_FEATURES, 1);
            // with matrix units, their feature structs ride in the same query and are enabled as reported
            CooperativeMatrixSupport.Chain matrixFeatures = matrices == CooperativeMatrices.NONE ? null : CooperativeMatrixSupport.chain(a, true);
            if (matrixFeatures != null) STORAGE_16.set(storage16, "pNext", matrixFeatures.coop());
            // and the compiler's statistics, on request where the driver reports them, ahead of the rest of the chain
            MemorySegment statistics = device.shaderStatistics && Boolean.getBoolean(ShaderStatistics.PROPERTY)
                    ? ShaderStatistics.FEATURES.allocate(a, ShaderStatistics.STYPE_FEATURES, 1) : null;
            if (statistics != null) {
                ShaderStatistics.FEATURES.set(statistics, "pNext", matrixFeatures == null ? MemorySegment.NULL : matrixFeatures.coop());
                STORAGE_16.set(storage16, "pNext", statistics);
            }
            MemorySegment features = a.allocate(Vk.FEATURES2_BYTES, 8);
            features.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, Vk.STYPE_PHYSICAL_DEVICE_FEATURES_2);
            features.set(ADDRESS, 8, storage16);
            vk.callVoid("vkGetPhysicalDeviceFeatures2", sig(P, P), device.physical, features);
            // everything the device offers (fp64, int64, 16-bit storage …) except bounds checks, which cost time
            features.set(java.lang.foreign.ValueLayout.JAVA_INT, Vk.FEATURES2_ROBUST_BUFFER_ACCESS, 0);
            if (matrixFeatures != null) CooperativeMatrixSupport.FEATURES.set(matrixFeatures.coop(), "cooperativeMatrixRobustBufferAccess", 0);
            MemorySegment priority = a.allocate(java.lang.foreign.ValueLayout.JAVA_FLOAT);
            priority.set(java.lang.foreign.ValueLayout.JAVA_FLOAT, 0, 1f);
            MemorySegment queueInfo = QUEUE_INFO.allocate(a, Vk.STYPE_DEVICE_QUEUE_CREATE_INFO, 1);
            QUEUE_INFO.set(queueInfo, "queueFamilyIndex", device.queueFamily).set(queueInfo, "queueCount", 1)
                    .set(queueInfo, "pQueuePriorities", priority);
            MemorySegment info = DEVICE_INFO.allocate(a, Vk.STYPE_DEVICE_CREATE_INFO, 1);
            DEVICE_INFO.set(info, "pNext", features).set(info, "queueCreateInfoCount", 1).set(info, "pQueueCreateInfos", queueInfo);
            // the instance asks for Vulkan 1.1, where float controls are an extension
            List<String> extensions = new ArrayList<>();
            if (device.floats.any()) extensions.add(FloatControlsSupport.EXTENSION);
            if (matrixFeatures != null) extensions.addAll(List.of(CooperativeMatrixSupport.EXTENSION,
                    CooperativeMatrixSupport.BFLOAT16_EXTENSION, CooperativeMatrixSupport.MEMORY_MODEL_EXTENSION));
            boolean captures = statistics != null && ShaderStatistics.FEATURES.get(statistics, "pipelineExecutableInfo") != 0;
            if (captures) extensions.add(ShaderStatistics.EXTENSION);
            MemorySegment names = a.allocate(ADDRESS, Math.max(1, extensions.size()));
            for (int i = 0; i < extensions.size(); i++) names.setAtIndex(ADDRESS, i, a.allocateFrom(extensions.get(i)));
            DEVICE_INFO.set(info, "enabledExtensionCount", extensions.size()).set(info, "ppEnabledExtensionNames", names);
            MemorySegment out = a.allocate(ADDRESS);
            vk.call("vkCreateDevice", sig(P, P, P, P), device.physical, info, MemorySegment.NULL, out);
            handle = out.get(ADDRESS, 0);
            vk.callVoid("vkGetDeviceQueue", sig(P, I, I, P), handle, device.queueFamily, 0, out);
            MemorySegment queue = out.get(ADDRESS, 0);
            memory = new Memory(vk, device);
            recorder = new Recorder(vk, handle, queue, device.queueFamily, device.timestampBits, device.timestampPeriod);
            pipelines = new Pipelines(vk, handle, captures ? new ShaderStatistics(vk, handle) : null);
        }
        fusedFma = FmaProbe.fused(this);
    }

    /** A Vulkan object made by {@code vkCreateX(device, info, NULL, &handle)}. */
    static long create(Vk vk, String function, MemorySegment device, MemorySegment info) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            vk.call(function, sig(P, P, P, P), device, info, MemorySegment.NULL, out);
            return out.get(JAVA_LONG, 0);
        }
    }

    void destroy(String function, long object) {
        if (object != 0) vk.callVoid(function, sig(P, L, P), handle, object, MemorySegment.NULL);
    }

    @Override public VulkanDevice device() { return device; }

    /** SPIR-V for Vulkan compute; fma in software where the device's is not fused; Java's float behaviour where granted. */
    @Override public Printer printer() { return printer(fusedFma); }

    Printer printer(boolean fused) {
        return new SpirvPrinter(dev.mamba2j.tornado.emit.spirv.SpirvTarget.VULKAN, !fused, device.floats, matrices);
    }

    /**
     * Whether the driver reports what its compiler made of each pipeline: asked for with
     * {@code -Dmamba2j.vulkan.shaderStatistics=true} when the session opened, and the device lists
     * {@code VK_KHR_pipeline_executable_properties} and grants its feature.
     */
    public boolean capturesShaderStatistics() { return pipelines.capturesStatistics(); }

    /**
     * What the driver's compiler reported of the kernel's pipeline for this work-group size (made here if
     * it was not), one "name value" per statistic; empty where the session does not capture them.
     */
    public List<String> shaderStatistics(dev.mamba2j.tornado.driver.LoadedKernel kernel, List<Integer> local) {
        VulkanKernel k = (VulkanKernel) kernel;
        pipelines.pipeline(k, local);
        return k.statistics.getOrDefault(local, List.of());
    }

    /** The matrix units this session's localGemm runs on ({@link CooperativeMatrices#NONE}: the portable loop). */
    public CooperativeMatrices cooperativeMatrices() { return matrices; }

    /** Whether the device's Fma instruction is fused (else the printed code computes fma in software). */
    public boolean fusedFma() { return fusedFma; }

    // ---- memory ----

    @Override public synchronized DeviceBuffer allocate(long bytes) {
        if (bytes <= 0) throw new IllegalArgumentException("buffer size must be > 0, got " + bytes);
        open();
        VulkanBuffer b = newBuffer(bytes, memory.deviceType(), memory.deviceMapped());
        buffers.add(b);
        return b;
    }

    private VulkanBuffer newBuffer(long bytes, Memory.Type type, boolean map) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment info = BUFFER_INFO.allocate(a, Vk.STYPE_BUFFER_CREATE_INFO, 1);
            BUFFER_INFO.set(info, "size", bytes)
                    .set(info, "usage", Vk.BUFFER_USAGE_STORAGE | Vk.BUFFER_USAGE_TRANSFER_SRC | Vk.BUFFER_USAGE_TRANSFER_DST);
            long buffer = create(vk, "vkCreateBuffer", handle, info);
            MemorySegment req = a.allocate(24, 8); // VkMemoryRequirements {size, alignment, memoryTypeBits}
            vk.callVoid("vkGetBufferMemoryRequirements", sig(P, L, P), handle, buffer, req);
            MemorySegment alloc = MEMORY_INFO.allocate(a, Vk.STYPE_MEMORY_ALLOCATE_INFO, 1);
            MEMORY_INFO.set(alloc, "allocationSize", req.get(JAVA_LONG, 0))
                    .set(alloc, "memoryTypeIndex", type.index(req.get(java.lang.foreign.ValueLayout.JAVA_INT, 16)));
            long mem;
            try {
                mem = create(vk, "vkAllocateMemory", handle, alloc);
            } catch (VulkanException e) {
                destroy("vkDestroyBuffer", buffer);
                throw e;
            }
            vk.call("vkBindBufferMemory", sig(P, L, L, L), handle, buffer, mem, 0L);
            MemorySegment mapped = null;
            if (map) {
                MemorySegment out = a.allocate(ADDRESS);
                vk.call("vkMapMemory", sig(P, L, L, L, I, P), handle, mem, 0L, -1L, 0, out);
                mapped = out.get(ADDRESS, 0).reinterpret(bytes);
            }
            return new VulkanBuffer(this, buffer, mem, mapped, bytes);
        }
    }

    synchronized void free(VulkanBuffer b) {
        if (b.isFreed() || closed) return;
        recorder.submit(); // commands recorded may still use it
        b.markFreed();
        buffers.remove(b);
        pipelines.forget(b.buffer);
        release(b);
    }

    private void release(VulkanBuffer b) {
        destroy("vkDestroyBuffer", b.buffer);
        destroy("vkFreeMemory", b.memory);
    }

    @Override public synchronized long write(DeviceBuffer dst, MemorySegment src, long bytes) {
        VulkanBuffer b = VulkanBuffer.of(dst, this);
        checkCopy(bytes, b, src);
        open();
        recorder.submit();
        if (bytes == 0) return 0;
        if (b.mapped != null) {
            long t0 = System.nanoTime();
            b.mapped.asSlice(0, bytes).copyFrom(src.asSlice(0, bytes));
            return System.nanoTime() - t0;
        }
        VulkanBuffer s = staging(bytes);
        s.mapped.asSlice(0, bytes).copyFrom(src.asSlice(0, bytes));
        return copy(s, b, bytes);
    }

    @Override public synchronized long read(MemorySegment dst, DeviceBuffer src, long bytes) {
        VulkanBuffer b = VulkanBuffer.of(src, this);
        checkCopy(bytes, b, dst);
        if (dst.isReadOnly()) throw new IllegalArgumentException("cannot read into a read-only segment");
        open();
        recorder.submit();
        if (bytes == 0) return 0;
        if (b.mapped != null) {
            long t0 = System.nanoTime();
            dst.asSlice(0, bytes).copyFrom(b.mapped.asSlice(0, bytes));
            return System.nanoTime() - t0;
        }
        VulkanBuffer s = staging(bytes);
        long ns = copy(b, s, bytes);
        dst.asSlice(0, bytes).copyFrom(s.mapped.asSlice(0, bytes));
        return ns;
    }

    private static void checkCopy(long bytes, VulkanBuffer b, MemorySegment host) {
        if (bytes < 0 || bytes > b.bytes() || bytes > host.byteSize())
            throw new IllegalArgumentException("copy of " + bytes + " bytes between " + b + " and a host segment of " + host.byteSize() + " bytes");
    }

    /** The host-visible staging buffer, grown to at least bytes. */
    private VulkanBuffer staging(long bytes) {
        if (staging == null || staging.bytes() < bytes) {
            if (staging != null) release(staging);
            staging = null;
            staging = newBuffer(Math.max(bytes, 1 << 20), memory.stagingType(), true);
        }
        return staging;
    }

    /** A device-side copy, submitted and waited for; its device time. */
    private long copy(VulkanBuffer from, VulkanBuffer to, long bytes) {
        long[] slot = recorder.begin();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment region = BUFFER_COPY.allocate(a);
            BUFFER_COPY.set(region, "size", bytes);
            vk.callVoid("vkCmdCopyBuffer", sig(P, L, L, I, P), recorder.commandBuffer(), from.buffer, to.buffer, 1, region);
        }
        recorder.end();
        recorder.submit();
        return slot[0];
    }

    // ---- kernels ----

    @Override public synchronized LoadedKernel load(KernelCode code) {
        if (code.language() != KernelCode.Language.SPIRV || code.binary() == null)
            throw new IllegalArgumentException("the Vulkan driver loads SPIR-V, not " + code.language());
        int push = dev.mamba2j.tornado.emit.spirv.VulkanInterface.pushConstantBytes(code.params());
        if (push > device.maxPushConstants)
            throw new IllegalArgumentException(code.entryName() + " takes " + push + " bytes of scalars; " + device.id()
                    + " holds at most " + device.maxPushConstants + " in push constants");
        open();
        return pipelines.load(code, this);
    }

    @Override public synchronized long launch(LoadedKernel kernel, List<KernelArg> args, WorkerGrid grid) {
        long[] slot = record(kernel, args, grid);
        recorder.submit();
        return slot[0];
    }

    /** Records the launch into the open command buffer; it runs at {@link #finish()} (or when a copy needs the device). */
    @Override public synchronized Pending enqueue(LoadedKernel kernel, List<KernelArg> args, WorkerGrid grid) {
        long[] slot = record(kernel, args, grid);
        return () -> slot[0];
    }

    @Override public synchronized void finish() {
        if (!closed) recorder.submit();
    }

    private long[] record(LoadedKernel kernel, List<KernelArg> args, WorkerGrid grid) {
        if (!(kernel instanceof VulkanKernel k) || k.session != this)
            throw new IllegalArgumentException(kernel + " was not loaded by this Vulkan session");
        open();
        Dispatch shape = Dispatch.of(grid, device);
        List<Long> bound = new ArrayList<>();
        for (KernelArg arg : args) if (arg instanceof KernelArg.Buffer b) bound.add(VulkanBuffer.of(b.buffer(), this).buffer);
        long pipeline = pipelines.pipeline(k, shape.local());
        long set = pipelines.descriptorSet(k, bound, recorder);
        long[] slot = recorder.begin();
        MemorySegment cb = recorder.commandBuffer();
        vk.callVoid("vkCmdBindPipeline", sig(P, I, L), cb, Vk.BIND_POINT_COMPUTE, pipeline);
        try (Arena a = Arena.ofConfined()) {
            if (set != 0) {
                MemorySegment sets = a.allocate(JAVA_LONG);
                sets.set(JAVA_LONG, 0, set);
                vk.callVoid("vkCmdBindDescriptorSets", sig(P, I, L, I, I, P, I, P), cb, Vk.BIND_POINT_COMPUTE, k.pipelineLayout, 0, 1, sets,
                        0, MemorySegment.NULL);
            }
            if (k.pushBytes > 0) {
                MemorySegment values = PushConstants.of(a, k, args);
                vk.callVoid("vkCmdPushConstants", sig(P, L, I, I, I, P), cb, k.pipelineLayout, Vk.SHADER_STAGE_COMPUTE, 0, k.pushBytes, values);
            }
        }
        int[] g = shape.groups();
        vk.callVoid("vkCmdDispatch", sig(P, I, I, I), cb, g[0], g[1], g[2]);
        recorder.end();
        return slot;
    }

    private void open() {
        if (closed) throw new IllegalStateException("Vulkan session on " + device.id() + " is closed");
    }

    /** Waits for the queue, then destroys every object the session made and the device; every step is attempted. */
    @Override public synchronized void close() {
        if (closed) return;
        List<Runnable> steps = new ArrayList<>();
        steps.add(recorder::submit);
        steps.add(() -> vk.call("vkDeviceWaitIdle", sig(P), handle));
        for (VulkanBuffer b : buffers) steps.add(() -> { b.markFreed(); release(b); });
        if (staging != null) steps.add(() -> release(staging));
        steps.add(() -> pipelines.destroy(this));
        steps.add(recorder::destroy);
        steps.add(() -> vk.callVoid("vkDestroyDevice", sig(P, P), handle, MemorySegment.NULL));
        RuntimeException first = null;
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                if (first == null) first = e; else first.addSuppressed(e);
            }
        }
        closed = true;
        buffers.clear();
        if (first != null) throw first;
    }

    @Override public String toString() { return "VulkanSession[" + device.id() + (closed ? ", closed" : "") + "]"; }
}
