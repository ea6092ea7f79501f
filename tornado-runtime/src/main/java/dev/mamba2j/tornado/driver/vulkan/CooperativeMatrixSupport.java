package dev.mamba2j.tornado.driver.vulkan;

import dev.mamba2j.tornado.emit.spirv.CooperativeMatrices;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static dev.mamba2j.tornado.driver.vulkan.Vk.P;
import static dev.mamba2j.tornado.driver.vulkan.Vk.sig;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The matrix units a device offers to shaders (VK_KHR_cooperative_matrix): the M×N×K shapes and
 * component types of its subgroup-scope products, and whether it takes bfloat16 in them
 * (VK_KHR_shader_bfloat16). A device without the extensions, or without the features turned on,
 * offers none, and localGemm then takes the portable loop.
 */
final class CooperativeMatrixSupport {
    static final String EXTENSION = "VK_KHR_cooperative_matrix", BFLOAT16_EXTENSION = "VK_KHR_shader_bfloat16",
            MEMORY_MODEL_EXTENSION = "VK_KHR_vulkan_memory_model";
    static final int STYPE_FEATURES = 1000506000, STYPE_PROPERTIES = 1000506001, STYPE_BFLOAT16_FEATURES = 1000141000,
            STYPE_MEMORY_MODEL_FEATURES = 1000211000, SCOPE_SUBGROUP = 3;
    /** VkPhysicalDeviceVulkanMemoryModelFeatures (the extension's, core in Vulkan 1.2): the cooperative-matrix shaders' memory model. */
    static final CStruct MEMORY_MODEL_FEATURES = CStruct.typed("u32 vulkanMemoryModel", "u32 vulkanMemoryModelDeviceScope",
            "u32 vulkanMemoryModelAvailabilityVisibilityChains");
    /** VkPhysicalDeviceCooperativeMatrixFeaturesKHR: cooperativeMatrix, cooperativeMatrixRobustBufferAccess. */
    static final CStruct FEATURES = CStruct.typed("u32 cooperativeMatrix", "u32 cooperativeMatrixRobustBufferAccess");
    /** VkPhysicalDeviceShaderBfloat16FeaturesKHR. */
    static final CStruct BFLOAT16_FEATURES = CStruct.typed("u32 shaderBFloat16Type", "u32 shaderBFloat16DotProduct",
            "u32 shaderBFloat16CooperativeMatrix");
    private static final CStruct PROPERTIES = CStruct.typed("u32 MSize", "u32 NSize", "u32 KSize", "u32 AType", "u32 BType", "u32 CType",
            "u32 ResultType", "u32 saturatingAccumulation", "u32 scope");

    private CooperativeMatrixSupport() {}

    /** The three feature structs, chained from coop: cooperative matrices, bfloat16, the Vulkan memory model. */
    record Chain(MemorySegment coop, MemorySegment bf16, MemorySegment model) {}

    /** The chain, zeroed, for a vkGetPhysicalDeviceFeatures2 query; without {@code bf16Listed} (no VK_KHR_shader_bfloat16) the bfloat16 struct stays out of it. */
    static Chain chain(Arena a, boolean bf16Listed) {
        MemorySegment coop = FEATURES.allocate(a, STYPE_FEATURES, 1);
        MemorySegment bf16 = BFLOAT16_FEATURES.allocate(a, STYPE_BFLOAT16_FEATURES, 1);
        MemorySegment model = MEMORY_MODEL_FEATURES.allocate(a, STYPE_MEMORY_MODEL_FEATURES, 1);
        FEATURES.set(coop, "pNext", bf16Listed ? bf16 : model);
        BFLOAT16_FEATURES.set(bf16, "pNext", model);
        return new Chain(coop, bf16, model);
    }

    /**
     * What the device offers; {@link CooperativeMatrices#NONE} without the extensions (cooperative matrices,
     * and the Vulkan memory model their shaders need) or the features.
     */
    static CooperativeMatrices query(Vk vk, MemorySegment instance, MemorySegment physical, List<String> extensions) {
        if (!extensions.contains(EXTENSION) || !extensions.contains(MEMORY_MODEL_EXTENSION)) return CooperativeMatrices.NONE;
        boolean bf16Extension = extensions.contains(BFLOAT16_EXTENSION);
        try (Arena a = Arena.ofConfined()) {
            Chain chain = chain(a, bf16Extension);
            MemorySegment features = a.allocate(Vk.FEATURES2_BYTES, 8);
            features.set(JAVA_INT, 0, Vk.STYPE_PHYSICAL_DEVICE_FEATURES_2);
            features.set(ADDRESS, 8, chain.coop);
            vk.callVoid("vkGetPhysicalDeviceFeatures2", sig(P, P), physical, features);
            if (FEATURES.get(chain.coop, "cooperativeMatrix") == 0 || MEMORY_MODEL_FEATURES.get(chain.model, "vulkanMemoryModel") == 0
                    || MEMORY_MODEL_FEATURES.get(chain.model, "vulkanMemoryModelDeviceScope") == 0) return CooperativeMatrices.NONE;
            boolean bf16Products = bf16Extension && BFLOAT16_FEATURES.get(chain.bf16, "shaderBFloat16Type") != 0
                    && BFLOAT16_FEATURES.get(chain.bf16, "shaderBFloat16CooperativeMatrix") != 0;

            MemorySegment fn = vk.instanceFunction(instance, "vkGetPhysicalDeviceCooperativeMatrixPropertiesKHR");
            var list = Linker.nativeLinker().downcallHandle(fn, FunctionDescriptor.of(JAVA_INT, P, P, P));
            MemorySegment count = a.allocate(JAVA_INT);
            int rc = (int) list.invoke(physical, count, MemorySegment.NULL);
            if (rc < 0) throw new VulkanException("vkGetPhysicalDeviceCooperativeMatrixPropertiesKHR", rc);
            int n = count.get(JAVA_INT, 0);
            MemorySegment props = PROPERTIES.allocate(a, STYPE_PROPERTIES, Math.max(1, n));
            rc = (int) list.invoke(physical, count, props);
            if (rc < 0) throw new VulkanException("vkGetPhysicalDeviceCooperativeMatrixPropertiesKHR", rc);
            List<CooperativeMatrices.Shape> shapes = new ArrayList<>();
            for (int i = 0; i < count.get(JAVA_INT, 0); i++)
                shapes.add(new CooperativeMatrices.Shape(PROPERTIES.get(props, i, "MSize"), PROPERTIES.get(props, i, "NSize"),
                        PROPERTIES.get(props, i, "KSize"), component(PROPERTIES.get(props, i, "AType")),
                        component(PROPERTIES.get(props, i, "BType")), component(PROPERTIES.get(props, i, "CType")),
                        component(PROPERTIES.get(props, i, "ResultType")), PROPERTIES.get(props, i, "saturatingAccumulation") != 0,
                        PROPERTIES.get(props, i, "scope") == SCOPE_SUBGROUP));
            return new CooperativeMatrices(List.copyOf(shapes), bf16Products);
        } catch (VulkanException | UnsatisfiedLinkError e) {
            return CooperativeMatrices.NONE;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** VkComponentTypeKHR as a name: "f16", "f32", "bf16", "s8" …; the number where it has none here. */
    static String component(int type) {
        return switch (type) {
            case 0 -> "f16";
            case 1 -> "f32";
            case 2 -> "f64";
            case 3 -> "s8";
            case 4 -> "s16";
            case 5 -> "s32";
            case 6 -> "s64";
            case 7 -> "u8";
            case 8 -> "u16";
            case 9 -> "u32";
            case 10 -> "u64";
            case 1000141000 -> "bf16";
            case 1000491002 -> "e4m3";
            case 1000491003 -> "e5m2";
            default -> "type" + type;
        };
    }
}
