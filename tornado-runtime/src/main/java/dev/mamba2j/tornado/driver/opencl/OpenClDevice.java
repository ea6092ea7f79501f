package dev.mamba2j.tornado.driver.opencl;

import dev.mamba2j.tornado.api.Backend;
import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.driver.DeviceSession;
import dev.mamba2j.tornado.api.DeviceType;

import java.lang.foreign.MemorySegment;

/**
 * One OpenCL device as discovery found it. Platform and device ids of root devices are owned
 * by the ICD and never released, so holding them is free.
 *
 * @param ilVersions CL_DEVICE_IL_VERSION ("SPIR-V_1.0 …"), empty where the device takes no IL
 * @param exactDivideSqrt the device can round fp32 division and sqrt correctly, as Java does (when built with the option)
 * @param tensorCores an NVIDIA device of compute capability 8.0 or newer (cl_nv_device_attribute_query): localGemm
 *                    may use TF32 mma.sync through inline PTX
 */
record OpenClDevice(String id, String name, String vendor, DeviceType type, long globalMemoryBytes,
                    long localMemoryBytes, int computeUnits, int maxWorkGroupSize, String details,
                    String ilVersions, boolean exactDivideSqrt, boolean tensorCores, MemorySegment platform,
                    MemorySegment device)
        implements ComputeDevice {

    @Override public Backend backend() { return Backend.OPENCL; }

    @Override public DeviceSession open() { return new OpenClSession(this); }

    boolean takesSpirv() { return ilVersions.contains("SPIR-V"); }

    @Override public String toString() { return id + " " + name + " (" + vendor + ", " + type + ")"; }
}
