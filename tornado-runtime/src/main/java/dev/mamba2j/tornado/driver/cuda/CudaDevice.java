package dev.mamba2j.tornado.driver.cuda;

import dev.mamba2j.tornado.api.Backend;
import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.api.DeviceType;
import dev.mamba2j.tornado.emit.ptx.PtxTarget;

/**
 * One CUDA device and the facts discovery read about it (no context is created until {@link #open()}).
 * Clock and bus width are 0 when the driver does not report them.
 */
public final class CudaDevice implements ComputeDevice {
    private final CudaApi api;
    private final int ordinal, handle, ccMajor, ccMinor, multiprocessors, maxThreadsPerBlock,
            sharedMemoryPerBlock, sharedMemoryOptIn, clockKhz, memoryBusBits, driverVersion;
    private final String name;
    private final long globalMemoryBytes;

    private CudaDevice(CudaApi api, int ordinal, int handle, String name, long globalMemoryBytes,
                       int ccMajor, int ccMinor, int multiprocessors, int maxThreadsPerBlock,
                       int sharedMemoryPerBlock, int sharedMemoryOptIn, int clockKhz, int memoryBusBits, int driverVersion) {
        this.api = api;
        this.ordinal = ordinal;
        this.handle = handle;
        this.name = name;
        this.globalMemoryBytes = globalMemoryBytes;
        this.ccMajor = ccMajor;
        this.ccMinor = ccMinor;
        this.multiprocessors = multiprocessors;
        this.maxThreadsPerBlock = maxThreadsPerBlock;
        this.sharedMemoryPerBlock = sharedMemoryPerBlock;
        this.sharedMemoryOptIn = Math.max(sharedMemoryPerBlock, sharedMemoryOptIn);
        this.clockKhz = clockKhz;
        this.memoryBusBits = memoryBusBits;
        this.driverVersion = driverVersion;
    }

    static CudaDevice query(CudaApi cu, int ordinal, int driverVersion) {
        int dev = cu.device(ordinal);
        return new CudaDevice(cu, ordinal, dev, cu.deviceName(dev), cu.deviceTotalMem(dev),
                cu.deviceAttribute(CudaApi.ATTR_COMPUTE_CAPABILITY_MAJOR, dev),
                cu.deviceAttribute(CudaApi.ATTR_COMPUTE_CAPABILITY_MINOR, dev),
                cu.deviceAttribute(CudaApi.ATTR_MULTIPROCESSOR_COUNT, dev),
                cu.deviceAttribute(CudaApi.ATTR_MAX_THREADS_PER_BLOCK, dev),
                cu.deviceAttribute(CudaApi.ATTR_MAX_SHARED_MEMORY_PER_BLOCK, dev),
                optionalAttribute(cu, CudaApi.ATTR_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN, dev),
                optionalAttribute(cu, CudaApi.ATTR_CLOCK_RATE_KHZ, dev),
                optionalAttribute(cu, CudaApi.ATTR_GLOBAL_MEMORY_BUS_WIDTH, dev),
                driverVersion);
    }

    /** Informational attributes that newer drivers may stop reporting must not hide the device. */
    private static int optionalAttribute(CudaApi cu, int attribute, int dev) {
        try {
            return cu.deviceAttribute(attribute, dev);
        } catch (CudaException e) {
            return 0;
        }
    }

    CudaApi api() { return api; }

    /** The {@code CUdevice}. */
    int handle() { return handle; }

    /** The {@code N} of {@code cuda:N}. */
    public int ordinal() { return ordinal; }

    public int ccMajor() { return ccMajor; }

    public int ccMinor() { return ccMinor; }

    /** SM clock in kHz, 0 if unknown. */
    public int clockKhz() { return clockKhz; }

    /** Global memory bus width in bits, 0 if unknown. */
    public int memoryBusBits() { return memoryBusBits; }

    /** The CUDA version of the driver, e.g. 13000 for 13.0. */
    public int driverVersion() { return driverVersion; }

    /** {@code .target} and {@code .version} for PTX meant for this device. */
    public PtxTarget ptxTarget() { return PtxTarget.forDevice(ccMajor, ccMinor, driverVersion); }

    @Override public String name() { return name; }

    @Override public long globalMemoryBytes() { return globalMemoryBytes; }

    @Override public String id() { return "cuda:" + ordinal; }

    @Override public Backend backend() { return Backend.CUDA; }

    @Override public String vendor() { return "NVIDIA"; }

    @Override public DeviceType type() { return DeviceType.GPU; }

    /** Shared memory per block (CUDA's "local" memory in OpenCL terms). */
    @Override public long localMemoryBytes() { return sharedMemoryPerBlock; }

    /** Shared memory per block on request (sm_80: 163 KiB, sm_90: 227 KiB), which kernels past 48 KiB ask for. */
    @Override public long largestLocalMemoryBytes() { return sharedMemoryOptIn; }

    @Override public int computeUnits() { return multiprocessors; }

    @Override public int maxWorkGroupSize() { return maxThreadsPerBlock; }

    @Override public String details() {
        return "sm_" + ccMajor + ccMinor + ", " + multiprocessors + " SMs"
                + (clockKhz > 0 ? ", " + clockKhz / 1000 + " MHz" : "")
                + (memoryBusBits > 0 ? ", " + memoryBusBits + "-bit memory bus" : "")
                + ", CUDA driver " + driverVersion / 1000 + "." + driverVersion % 1000 / 10
                + ", PTX ISA " + isaOrWhyNot();
    }

    private String isaOrWhyNot() {
        try {
            return ptxTarget().isaVersion();
        } catch (IllegalStateException e) {
            return "none (" + e.getMessage() + ")";
        }
    }

    @Override public CudaSession open() { return new CudaSession(this); }

    @Override public String toString() { return id() + " " + name + " (" + details() + ")"; }
}
