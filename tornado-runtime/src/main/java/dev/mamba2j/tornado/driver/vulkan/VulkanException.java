package dev.mamba2j.tornado.driver.vulkan;

/** A Vulkan call returned an error code. */
public final class VulkanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    VulkanException(String call, int code) {
        super(call + " failed: " + name(code) + " (" + code + ")");
        this.code = code;
    }

    public int code() { return code; }

    /** The VkResult's name (vulkan_core.h). */
    static String name(int code) {
        return switch (code) {
            case -1 -> "VK_ERROR_OUT_OF_HOST_MEMORY";
            case -2 -> "VK_ERROR_OUT_OF_DEVICE_MEMORY";
            case -3 -> "VK_ERROR_INITIALIZATION_FAILED";
            case -4 -> "VK_ERROR_DEVICE_LOST";
            case -5 -> "VK_ERROR_MEMORY_MAP_FAILED";
            case -6 -> "VK_ERROR_LAYER_NOT_PRESENT";
            case -7 -> "VK_ERROR_EXTENSION_NOT_PRESENT";
            case -8 -> "VK_ERROR_FEATURE_NOT_PRESENT";
            case -9 -> "VK_ERROR_INCOMPATIBLE_DRIVER";
            case -10 -> "VK_ERROR_TOO_MANY_OBJECTS";
            case -12 -> "VK_ERROR_FRAGMENTED_POOL";
            case -1000069000 -> "VK_ERROR_OUT_OF_POOL_MEMORY";
            case -1000012000 -> "VK_ERROR_INVALID_SHADER_NV";
            default -> "VkResult";
        };
    }
}
