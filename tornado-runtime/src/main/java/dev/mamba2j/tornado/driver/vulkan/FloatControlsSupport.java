package dev.mamba2j.tornado.driver.vulkan;

import dev.mamba2j.tornado.emit.spirv.FloatControls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static dev.mamba2j.tornado.driver.vulkan.Vk.P;
import static dev.mamba2j.tornado.driver.vulkan.Vk.sig;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Which of Java's float behaviours a device keeps when asked (VK_KHR_shader_float_controls): infinities,
 * NaNs and signed zeros, and subnormals, per width. A device without the extension is asked for none.
 */
final class FloatControlsSupport {
    static final String EXTENSION = "VK_KHR_shader_float_controls";
    // VkPhysicalDeviceProperties2: sType, pNext, then VkPhysicalDeviceProperties (824 bytes)
    private static final int PROPERTIES2_BYTES = 16 + 824;
    // VkPhysicalDeviceFloatControlsProperties: sType, pNext, two enums, then 15 VkBool32 from
    // shaderSignedZeroInfNanPreserveFloat16 (at 24): +4 Float32, +8 Float64, +12 DenormPreserveFloat16 ...
    private static final int FLOAT_CONTROLS_BYTES = 88, INF_NAN_32 = 28, INF_NAN_64 = 32, DENORM_32 = 40, DENORM_64 = 44;
    private static final int STYPE_PROPERTIES_2 = 1000059001, STYPE_FLOAT_CONTROLS = 1000197000;

    private FloatControlsSupport() {}

    /** What the device grants; {@link FloatControls#NONE} without the extension. */
    static FloatControls query(Vk vk, MemorySegment physical, List<String> extensions) {
        if (!extensions.contains(EXTENSION)) return FloatControls.NONE;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment controls = a.allocate(FLOAT_CONTROLS_BYTES, 8);
            controls.set(JAVA_INT, 0, STYPE_FLOAT_CONTROLS);
            MemorySegment props = a.allocate(PROPERTIES2_BYTES, 8);
            props.set(JAVA_INT, 0, STYPE_PROPERTIES_2);
            props.set(ADDRESS, 8, controls);
            vk.callVoid("vkGetPhysicalDeviceProperties2", sig(P, P), physical, props);
            return new FloatControls(flag(controls, INF_NAN_32), flag(controls, INF_NAN_64), flag(controls, DENORM_32), flag(controls, DENORM_64));
        }
    }

    private static boolean flag(MemorySegment s, int at) { return s.get(JAVA_INT, at) != 0; }
}
