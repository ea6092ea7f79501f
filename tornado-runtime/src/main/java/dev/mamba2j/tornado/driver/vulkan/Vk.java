package dev.mamba2j.tornado.driver.vulkan;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.HashMap;
import java.util.Map;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Bindings to the Vulkan loader ({@code libvulkan.so.1}, or {@code -Dmamba2j.vulkan.library}): the
 * core 1.0/1.1 entry points it exports, bound on first use. Dispatchable handles (instance, physical
 * device, device, queue, command buffer) are addresses; the others are 64-bit integers, as on every
 * 64-bit platform. Calls that return a VkResult throw {@link VulkanException} on an error.
 */
final class Vk {
    static final String DEFAULT_LIBRARY = "libvulkan.so.1";
    private static final Linker LINKER = Linker.nativeLinker();
    static final MemoryLayout P = ADDRESS, I = JAVA_INT, L = JAVA_LONG;

    // values from vulkan_core.h
    static final int STYPE_APPLICATION_INFO = 0, STYPE_INSTANCE_CREATE_INFO = 1, STYPE_DEVICE_QUEUE_CREATE_INFO = 2,
            STYPE_DEVICE_CREATE_INFO = 3, STYPE_SUBMIT_INFO = 4, STYPE_MEMORY_ALLOCATE_INFO = 5, STYPE_FENCE_CREATE_INFO = 8,
            STYPE_QUERY_POOL_CREATE_INFO = 11, STYPE_BUFFER_CREATE_INFO = 12, STYPE_SHADER_MODULE_CREATE_INFO = 16,
            STYPE_PIPELINE_SHADER_STAGE_CREATE_INFO = 18, STYPE_COMPUTE_PIPELINE_CREATE_INFO = 29,
            STYPE_PIPELINE_LAYOUT_CREATE_INFO = 30, STYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO = 32,
            STYPE_DESCRIPTOR_POOL_CREATE_INFO = 33, STYPE_DESCRIPTOR_SET_ALLOCATE_INFO = 34, STYPE_WRITE_DESCRIPTOR_SET = 35,
            STYPE_COMMAND_POOL_CREATE_INFO = 39, STYPE_COMMAND_BUFFER_ALLOCATE_INFO = 40, STYPE_COMMAND_BUFFER_BEGIN_INFO = 42,
            STYPE_MEMORY_BARRIER = 46, STYPE_PHYSICAL_DEVICE_FEATURES_2 = 1000059000,
            STYPE_PHYSICAL_DEVICE_16BIT_STORAGE_FEATURES = 1000083000;
    static final int BUFFER_USAGE_TRANSFER_SRC = 1, BUFFER_USAGE_TRANSFER_DST = 2, BUFFER_USAGE_STORAGE = 32;
    static final int MEMORY_DEVICE_LOCAL = 1, MEMORY_HOST_VISIBLE = 2, MEMORY_HOST_COHERENT = 4, MEMORY_HOST_CACHED = 8;
    static final int QUEUE_COMPUTE = 2, SHADER_STAGE_COMPUTE = 32, DESCRIPTOR_STORAGE_BUFFER = 7, QUERY_TIMESTAMP = 2,
            BIND_POINT_COMPUTE = 1, COMMAND_POOL_RESET_BUFFER = 2, COMMAND_BUFFER_ONE_TIME = 1, DESCRIPTOR_POOL_FREE_SET = 1;
    static final int ACCESS_HOST_READ = 8192;
    static final int STAGE_TOP = 1, STAGE_BOTTOM = 8192, STAGE_HOST = 16384;
    static final int QUERY_RESULT_64 = 1, QUERY_RESULT_WAIT = 2;
    static final int DEVICE_TYPE_INTEGRATED = 1, DEVICE_TYPE_DISCRETE = 2, DEVICE_TYPE_VIRTUAL = 3, DEVICE_TYPE_CPU = 4;
    static final int ERROR_INCOMPATIBLE_DRIVER = -9;
    static final int API_1_1 = (1 << 22) | (1 << 12);
    /** VkPhysicalDeviceFeatures2: sType, pNext, then the 55 VkBool32 of VkPhysicalDeviceFeatures (robustBufferAccess first). */
    static final int FEATURES2_BYTES = 16 + 220, FEATURES2_ROBUST_BUFFER_ACCESS = 16;

    private final SymbolLookup lib;
    private final Map<String, MethodHandle> handles = new HashMap<>();

    private Vk(SymbolLookup lib) { this.lib = lib; }

    /** Opens the loader; {@link IllegalArgumentException} if it cannot be opened. */
    static Vk load(String library) { return new Vk(SymbolLookup.libraryLookup(library, Arena.global())); }

    private synchronized MethodHandle handle(String name, MemoryLayout ret, MemoryLayout... args) {
        return handles.computeIfAbsent(name, n -> {
            MemorySegment symbol = lib.find(n).orElseThrow(() -> new UnsatisfiedLinkError("the Vulkan loader has no " + n));
            return LINKER.downcallHandle(symbol, ret == null ? FunctionDescriptor.ofVoid(args) : FunctionDescriptor.of(ret, args));
        });
    }

    /** Calls a function that returns a VkResult and checks it (success codes are >= 0). */
    int call(String name, MemoryLayout[] args, Object... values) {
        int rc = (int) invoke(handle(name, JAVA_INT, args), values);
        if (rc < 0) throw new VulkanException(name, rc);
        return rc;
    }

    /** Calls a void function. */
    void callVoid(String name, MemoryLayout[] args, Object... values) { invoke(handle(name, null, args), values); }

    private static Object invoke(MethodHandle h, Object... values) {
        try {
            return h.invokeWithArguments(values);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static MemoryLayout[] sig(MemoryLayout... args) { return args; }

    /** An instance-level extension function (the loader exports only the core ones); {@link UnsatisfiedLinkError} if absent. */
    MemorySegment instanceFunction(MemorySegment instance, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment fn = (MemorySegment) invoke(handle("vkGetInstanceProcAddr", ADDRESS, P, P), instance, a.allocateFrom(name));
            if (fn.equals(MemorySegment.NULL)) throw new UnsatisfiedLinkError("the Vulkan instance has no " + name);
            return fn;
        }
    }

    /** A device-level extension function; {@link UnsatisfiedLinkError} if the device has none of that name. */
    MemorySegment deviceFunction(MemorySegment device, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment fn = (MemorySegment) invoke(handle("vkGetDeviceProcAddr", ADDRESS, P, P), device, a.allocateFrom(name));
            if (fn.equals(MemorySegment.NULL)) throw new UnsatisfiedLinkError("the Vulkan device has no " + name);
            return fn;
        }
    }
}
