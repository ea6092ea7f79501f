package dev.mamba2j.tornado.driver.vulkan;

import dev.mamba2j.tornado.api.Backend;
import dev.mamba2j.tornado.api.DeviceType;
import dev.mamba2j.tornado.driver.ComputeDevice;

import dev.mamba2j.tornado.emit.spirv.CooperativeMatrices;
import dev.mamba2j.tornado.emit.spirv.FloatControls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static dev.mamba2j.tornado.driver.vulkan.Vk.P;
import static dev.mamba2j.tornado.driver.vulkan.Vk.sig;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One Vulkan physical device with a compute queue, and what discovery read about it
 * (VkPhysicalDeviceProperties and its limits, at their LP64 offsets from vulkan_core.h).
 */
public final class VulkanDevice implements ComputeDevice {
    // VkPhysicalDeviceProperties: 824 bytes, limits at 296
    private static final int PROPERTIES_BYTES = 824, LIMITS = 296;
    private static final int API_VERSION = 0, DRIVER_VERSION = 4, VENDOR_ID = 8, DEVICE_TYPE = 16, DEVICE_NAME = 20;
    private static final int MAX_PUSH_CONSTANTS = LIMITS + 32, MAX_SHARED_MEMORY = LIMITS + 216, MAX_GROUP_COUNT = LIMITS + 220,
            MAX_INVOCATIONS = LIMITS + 232, MAX_GROUP_SIZE = LIMITS + 236, TIMESTAMP_PERIOD = LIMITS + 424;
    // VkQueueFamilyProperties: {queueFlags, queueCount, timestampValidBits, minImageTransferGranularity[3]}
    private static final int QUEUE_FAMILY_BYTES = 24;
    // VkPhysicalDeviceMemoryProperties: 520 bytes, heap count at 260, heaps {size, flags} of 16 bytes at 264
    private static final int MEMORY_PROPERTIES_BYTES = 520;
    // VkExtensionProperties: char extensionName[256], uint32 specVersion
    private static final int EXTENSION_BYTES = 260;

    final Vk vk;
    final MemorySegment instance, physical;
    private final int ordinal, vendorId, deviceType, apiVersion, driverVersion;
    final int queueFamily, timestampBits, maxPushConstants;
    final int[] maxGroupCount = new int[3], maxGroupSize = new int[3];
    final float timestampPeriod;
    private final int maxInvocations, sharedMemory;
    private final String name;
    private final long memoryBytes;
    /** What the device keeps of Java's float behaviour when a module asks (the session enables the extension). */
    final FloatControls floats;
    /** The matrix products its shaders may use (the session enables the extensions when there are any). */
    final CooperativeMatrices matrices;
    /** Whether the driver reports what its compiler made of a pipeline ({@link ShaderStatistics}). */
    final boolean shaderStatistics;

    private VulkanDevice(Vk vk, MemorySegment instance, MemorySegment physical, int ordinal, MemorySegment props, int queueFamily,
                         int timestampBits, long memoryBytes) {
        this.vk = vk;
        this.instance = instance;
        this.physical = physical;
        this.ordinal = ordinal;
        this.queueFamily = queueFamily;
        this.timestampBits = timestampBits;
        this.memoryBytes = memoryBytes;
        apiVersion = props.get(JAVA_INT, API_VERSION);
        driverVersion = props.get(JAVA_INT, DRIVER_VERSION);
        vendorId = props.get(JAVA_INT, VENDOR_ID);
        deviceType = props.get(JAVA_INT, DEVICE_TYPE);
        name = props.getString(DEVICE_NAME);
        maxPushConstants = props.get(JAVA_INT, MAX_PUSH_CONSTANTS);
        sharedMemory = props.get(JAVA_INT, MAX_SHARED_MEMORY);
        maxInvocations = props.get(JAVA_INT, MAX_INVOCATIONS);
        for (int d = 0; d < 3; d++) {
            maxGroupCount[d] = props.get(JAVA_INT, MAX_GROUP_COUNT + 4L * d);
            maxGroupSize[d] = props.get(JAVA_INT, MAX_GROUP_SIZE + 4L * d);
        }
        timestampPeriod = props.get(JAVA_FLOAT, TIMESTAMP_PERIOD);
        List<String> extensions = extensions(vk, physical);
        floats = FloatControlsSupport.query(vk, physical, extensions);
        matrices = CooperativeMatrixSupport.query(vk, instance, physical, extensions);
        shaderStatistics = extensions.contains(ShaderStatistics.EXTENSION);
    }

    /** The device, or null when it has no compute queue. */
    static VulkanDevice query(Vk vk, MemorySegment instance, MemorySegment physical, int ordinal) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment props = a.allocate(PROPERTIES_BYTES, 8);
            vk.callVoid("vkGetPhysicalDeviceProperties", sig(P, P), physical, props);
            MemorySegment count = a.allocate(JAVA_INT);
            vk.callVoid("vkGetPhysicalDeviceQueueFamilyProperties", sig(P, P, P), physical, count, MemorySegment.NULL);
            int n = count.get(JAVA_INT, 0);
            MemorySegment families = a.allocate((long) QUEUE_FAMILY_BYTES * Math.max(1, n), 4);
            vk.callVoid("vkGetPhysicalDeviceQueueFamilyProperties", sig(P, P, P), physical, count, families);
            int family = -1, bits = 0;
            for (int i = 0; i < n && family < 0; i++) {
                if ((families.get(JAVA_INT, (long) QUEUE_FAMILY_BYTES * i) & Vk.QUEUE_COMPUTE) != 0) {
                    family = i;
                    bits = families.get(JAVA_INT, (long) QUEUE_FAMILY_BYTES * i + 8);
                }
            }
            if (family < 0) return null;
            MemorySegment mem = a.allocate(MEMORY_PROPERTIES_BYTES, 8);
            vk.callVoid("vkGetPhysicalDeviceMemoryProperties", sig(P, P), physical, mem);
            long total = 0;
            for (int h = 0; h < mem.get(JAVA_INT, 260); h++)
                if ((mem.get(JAVA_INT, 264 + 16L * h + 8) & 1) != 0) total += mem.get(JAVA_LONG, 264 + 16L * h); // DEVICE_LOCAL heaps
            return new VulkanDevice(vk, instance, physical, ordinal, props, family, bits, total);
        }
    }

    /** The device extensions the driver offers. */
    static List<String> extensions(Vk vk, MemorySegment physical) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment count = a.allocate(JAVA_INT);
            vk.call("vkEnumerateDeviceExtensionProperties", sig(P, P, P, P), physical, MemorySegment.NULL, count, MemorySegment.NULL);
            int n = count.get(JAVA_INT, 0);
            MemorySegment props = a.allocate((long) EXTENSION_BYTES * Math.max(1, n), 4);
            vk.call("vkEnumerateDeviceExtensionProperties", sig(P, P, P, P), physical, MemorySegment.NULL, count, props);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < count.get(JAVA_INT, 0); i++) names.add(props.getString((long) EXTENSION_BYTES * i));
            return names;
        }
    }

    /** The matrix products its shaders may use through VK_KHR_cooperative_matrix. */
    public CooperativeMatrices cooperativeMatrices() { return matrices; }

    /** The {@code N} of {@code vulkan:N}. */
    public int ordinal() { return ordinal; }

    @Override public String id() { return "vulkan:" + ordinal; }

    @Override public Backend backend() { return Backend.VULKAN; }

    @Override public String name() { return name; }

    @Override public String vendor() {
        return switch (vendorId) {
            case 0x10de -> "NVIDIA";
            case 0x1002 -> "AMD";
            case 0x8086 -> "Intel";
            case 0x13b5 -> "ARM";
            case 0x5143 -> "Qualcomm";
            case 0x10005 -> "Mesa";
            default -> "0x" + Integer.toHexString(vendorId);
        };
    }

    @Override public DeviceType type() {
        return switch (deviceType) {
            case Vk.DEVICE_TYPE_INTEGRATED, Vk.DEVICE_TYPE_DISCRETE, Vk.DEVICE_TYPE_VIRTUAL -> DeviceType.GPU;
            case Vk.DEVICE_TYPE_CPU -> DeviceType.CPU;
            default -> DeviceType.OTHER;
        };
    }

    /** What the device keeps of Java's float behaviour when a module asks for it. */
    public FloatControls floatControls() { return floats; }

    @Override public long globalMemoryBytes() { return memoryBytes; }

    @Override public long localMemoryBytes() { return sharedMemory; }

    @Override public int computeUnits() { return 0; } // Vulkan does not report it

    @Override public int maxWorkGroupSize() { return maxInvocations; }

    @Override public String details() {
        return "Vulkan " + version(apiVersion) + ", driver 0x" + Integer.toHexString(driverVersion) + ", timestamps "
                + (timestampBits > 0 ? timestampPeriod + " ns/tick" : "none") + ", push constants " + maxPushConstants + " bytes, float controls: " + floats
                + ", matrix units: " + matrices;
    }

    private static String version(int v) { return (v >>> 22) + "." + ((v >>> 12) & 0x3ff) + "." + (v & 0xfff); }

    @Override public VulkanSession open() { return new VulkanSession(this); }

    @Override public String toString() { return id() + " " + name + " (" + details() + ")"; }
}
