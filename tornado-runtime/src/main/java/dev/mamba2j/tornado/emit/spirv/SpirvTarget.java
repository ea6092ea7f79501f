package dev.mamba2j.tornado.emit.spirv;

/**
 * Which SPIR-V a module is written for.
 *
 * <p>VULKAN: a GLCompute shader for a Vulkan 1.1+ compute pipeline (SPIR-V 1.3, Shader capability,
 * logical addressing, structured control flow); arrays are storage buffers in descriptor set 0 (binding
 * = the array's place among the kernel's buffers), scalars and array lengths one push-constant block,
 * and the work-group size three specialization constants (ids 0, 1, 2) set when the pipeline is made.
 *
 * <p>OPENCL: a kernel for {@code clCreateProgramWithIL} on OpenCL 2.1+ (SPIR-V 1.0, Kernel
 * capability, Physical64 addressing, unstructured control flow); arrays are global pointers and
 * scalars values, in the order of the device parameters, as in the OpenCL C printer.
 */
public enum SpirvTarget {
    VULKAN(0x00010300), OPENCL(0x00010000);

    private final int version;

    SpirvTarget(int version) { this.version = version; }

    /** The version word of the module header. */
    public int versionWord() { return version; }
}
