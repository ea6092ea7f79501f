package dev.mamba2j.tornado.driver.vulkan;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

import static dev.mamba2j.tornado.driver.vulkan.Vk.P;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * What the driver's shader compiler reports of a compute pipeline (registers, spills, shared memory,
 * instructions: each driver names its own), through {@code VK_KHR_pipeline_executable_properties}:
 * the one view a Vulkan program has of the machine code its SPIR-V became, where CUDA has ptxas's
 * report. With {@code -Dmamba2j.vulkan.shaderStatistics=true} a session opened on a device that lists the
 * extension captures them and prints each pipeline's when it is made.
 */
final class ShaderStatistics {
    static final String EXTENSION = "VK_KHR_pipeline_executable_properties";
    static final String PROPERTY = "mamba2j.vulkan.shaderStatistics";
    /** VK_PIPELINE_CREATE_CAPTURE_STATISTICS_BIT_KHR. */
    static final int CAPTURE = 0x40;
    static final int STYPE_FEATURES = 1000269000, STYPE_PIPELINE_INFO = 1000269001, STYPE_EXECUTABLE_PROPERTIES = 1000269002,
            STYPE_EXECUTABLE_INFO = 1000269003, STYPE_STATISTIC = 1000269004;
    static final CStruct FEATURES = CStruct.typed("u32 pipelineExecutableInfo");
    private static final CStruct PIPELINE_INFO = CStruct.typed("u64 pipeline");
    private static final CStruct EXECUTABLE_INFO = CStruct.typed("u64 pipeline", "u32 executableIndex");
    /** VkPipelineExecutableStatisticKHR: sType, pNext, name[256] at 16, description[256], format at 528, the value at 536. */
    private static final long STATISTIC_BYTES = 544, NAME = 16, FORMAT = 528, VALUE = 536;

    private final MethodHandle properties, statistics;
    private final MemorySegment device;

    ShaderStatistics(Vk vk, MemorySegment device) {
        this.device = device;
        Linker linker = Linker.nativeLinker();
        FunctionDescriptor f = FunctionDescriptor.of(JAVA_INT, P, P, P, P);
        properties = linker.downcallHandle(vk.deviceFunction(device, "vkGetPipelineExecutablePropertiesKHR"), f);
        statistics = linker.downcallHandle(vk.deviceFunction(device, "vkGetPipelineExecutableStatisticsKHR"), f);
    }

    /** Each executable's statistics as "name value" (one executable for a compute pipeline). */
    List<String> of(long pipeline) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment info = PIPELINE_INFO.allocate(a, STYPE_PIPELINE_INFO, 1);
            PIPELINE_INFO.set(info, "pipeline", pipeline);
            MemorySegment count = a.allocate(JAVA_INT);
            check("vkGetPipelineExecutablePropertiesKHR", (int) properties.invoke(device, info, count, MemorySegment.NULL));
            int executables = count.get(JAVA_INT, 0);
            List<String> out = new ArrayList<>();
            for (int e = 0; e < executables; e++) {
                MemorySegment which = EXECUTABLE_INFO.allocate(a, STYPE_EXECUTABLE_INFO, 1);
                EXECUTABLE_INFO.set(which, "pipeline", pipeline).set(which, "executableIndex", e);
                check("vkGetPipelineExecutableStatisticsKHR", (int) statistics.invoke(device, which, count, MemorySegment.NULL));
                int n = count.get(JAVA_INT, 0);
                MemorySegment stats = a.allocate(STATISTIC_BYTES * Math.max(1, n), 8);
                for (int i = 0; i < n; i++) stats.set(JAVA_INT, STATISTIC_BYTES * i, STYPE_STATISTIC);
                check("vkGetPipelineExecutableStatisticsKHR", (int) statistics.invoke(device, which, count, stats));
                for (int i = 0; i < count.get(JAVA_INT, 0); i++) {
                    MemorySegment s = stats.asSlice(STATISTIC_BYTES * i, STATISTIC_BYTES);
                    out.add(s.getString(NAME) + " " + value(s));
                }
            }
            return out;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The value by its VkPipelineExecutableStatisticFormatKHR: bool32, int64, uint64, float64. */
    private static String value(MemorySegment s) {
        return switch (s.get(JAVA_INT, FORMAT)) {
            case 0 -> Boolean.toString(s.get(JAVA_INT, VALUE) != 0);
            case 1 -> Long.toString(s.get(JAVA_LONG, VALUE));
            case 2 -> Long.toUnsignedString(s.get(JAVA_LONG, VALUE));
            case 3 -> Double.toString(s.get(JAVA_DOUBLE, VALUE));
            default -> "?";
        };
    }

    private static void check(String function, int rc) {
        if (rc < 0) throw new VulkanException(function, rc);
    }
}
