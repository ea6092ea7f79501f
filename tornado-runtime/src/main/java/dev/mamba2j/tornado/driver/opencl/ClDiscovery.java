package dev.mamba2j.tornado.driver.opencl;

import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.api.DeviceType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/** Walks every platform and device. A broken platform is skipped and noted, never fatal. */
final class ClDiscovery {
    private ClDiscovery() {}

    /** @param failure why no devices were found, or null when some were */
    record Result(List<ComputeDevice> devices, String failure) {}

    static Result run() {
        String loadFailure = Cl.loadFailure();
        if (loadFailure != null) return new Result(List.of(), loadFailure);
        List<ComputeDevice> devices = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            Cl cl = Cl.get();
            List<MemorySegment> platforms = platforms(cl);
            if (platforms.isEmpty()) return new Result(List.of(), "no OpenCL platform installed (no ICD found a vendor driver)");
            for (int p = 0; p < platforms.size(); p++) {
                try {
                    devicesOf(cl, p, platforms.get(p), devices);
                } catch (RuntimeException e) {
                    problems.add("platform " + p + ": " + e.getMessage());
                }
            }
        } catch (RuntimeException | LinkageError e) {
            problems.add(e.toString());
        }
        String failure = devices.isEmpty()
                ? "no OpenCL device" + (problems.isEmpty() ? "" : ": " + String.join("; ", problems)) : null;
        return new Result(List.copyOf(devices), failure);
    }

    private static List<MemorySegment> platforms(Cl cl) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment count = a.allocate(JAVA_INT);
            int n = cl.getPlatformIDs(0, Cl.NULL, count);
            if (n == 0) return List.of();
            MemorySegment ids = a.allocate(ADDRESS, n);
            n = cl.getPlatformIDs(n, ids, count);
            List<MemorySegment> out = new ArrayList<>();
            for (int i = 0; i < n; i++) out.add(ids.getAtIndex(ADDRESS, i));
            return out;
        }
    }

    private static void devicesOf(Cl cl, int p, MemorySegment platform, List<ComputeDevice> out) {
        String platformName = ClInfo.platformString(cl, platform, Cl.PLATFORM_NAME);
        String platformVersion = ClInfo.platformString(cl, platform, Cl.PLATFORM_VERSION);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment count = a.allocate(JAVA_INT);
            int n = cl.getDeviceIDs(platform, Cl.DEVICE_TYPE_ALL, 0, Cl.NULL, count);
            if (n == 0) return;
            MemorySegment ids = a.allocate(ADDRESS, n);
            n = cl.getDeviceIDs(platform, Cl.DEVICE_TYPE_ALL, n, ids, count);
            for (int d = 0; d < n; d++)
                out.add(describe(cl, "opencl:" + p + ":" + d, platform, ids.getAtIndex(ADDRESS, d), platformName, platformVersion));
        }
    }

    private static OpenClDevice describe(Cl cl, String id, MemorySegment platform, MemorySegment dev,
                                         String platformName, String platformVersion) {
        String il = ClInfo.deviceStringOrNull(cl, dev, Cl.DEVICE_IL_VERSION);
        il = il == null ? "" : il;
        String cVersion = ClInfo.deviceStringOrNull(cl, dev, Cl.DEVICE_OPENCL_C_VERSION);
        String details = "platform " + platformName + " (" + platformVersion + ")"
                + ", device " + ClInfo.deviceString(cl, dev, Cl.DEVICE_VERSION)
                + ", " + (cVersion == null ? "OpenCL C unknown" : cVersion)
                + ", IL " + (il.isEmpty() ? "none" : il)
                + ", driver " + ClInfo.deviceString(cl, dev, Cl.DRIVER_VERSION);
        boolean tensorCores = tensorCores(cl, dev);
        if (tensorCores) details += ", localGemm on tensor cores (TF32 mma through inline PTX)";
        return new OpenClDevice(id,
                ClInfo.deviceString(cl, dev, Cl.DEVICE_NAME),
                ClInfo.deviceString(cl, dev, Cl.DEVICE_VENDOR),
                type(ClInfo.deviceLong(cl, dev, Cl.DEVICE_TYPE)),
                ClInfo.deviceLong(cl, dev, Cl.DEVICE_GLOBAL_MEM_SIZE),
                ClInfo.deviceLong(cl, dev, Cl.DEVICE_LOCAL_MEM_SIZE),
                ClInfo.deviceInt(cl, dev, Cl.DEVICE_MAX_COMPUTE_UNITS),
                (int) Math.min(Integer.MAX_VALUE, ClInfo.deviceLong(cl, dev, Cl.DEVICE_MAX_WORK_GROUP_SIZE)),
                details, il, (ClInfo.deviceLong(cl, dev, Cl.DEVICE_SINGLE_FP_CONFIG) & Cl.FP_CORRECTLY_ROUNDED_DIVIDE_SQRT) != 0,
                tensorCores, platform, dev);
    }

    /** NVIDIA compute capability 8.0 or newer, read through cl_nv_device_attribute_query. */
    private static boolean tensorCores(Cl cl, MemorySegment dev) {
        String extensions = ClInfo.deviceStringOrNull(cl, dev, Cl.DEVICE_EXTENSIONS);
        if (extensions == null || !extensions.contains("cl_nv_device_attribute_query")) return false;
        return ClInfo.deviceInt(cl, dev, Cl.DEVICE_COMPUTE_CAPABILITY_MAJOR_NV) >= 8;
    }

    private static DeviceType type(long bits) {
        if ((bits & Cl.DEVICE_TYPE_GPU) != 0) return DeviceType.GPU;
        if ((bits & Cl.DEVICE_TYPE_CPU) != 0) return DeviceType.CPU;
        if ((bits & Cl.DEVICE_TYPE_ACCELERATOR) != 0) return DeviceType.ACCELERATOR;
        return DeviceType.OTHER;
    }
}
