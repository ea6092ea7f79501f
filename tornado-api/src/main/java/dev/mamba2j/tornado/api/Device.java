package dev.mamba2j.tornado.api;

/** One compute device the runtime found: what a user selects and a plan runs on. */
public interface Device {
    /** Selection id: {@code cuda:0}, {@code opencl:PLATFORM:DEVICE} or {@code jvm}. */
    String id();

    Backend backend();

    String name();

    String vendor();

    DeviceType type();

    long globalMemoryBytes();

    /** Local memory a work-group has by default. */
    long localMemoryBytes();

    /**
     * The most local memory a work-group can have: above {@link #localMemoryBytes()} where a kernel must
     * ask for more (CUDA's opt-in shared memory, which the CUDA driver asks for when a kernel's local
     * arrays need it); the same elsewhere. Launches are refused past it, naming the kernel and the sizes.
     */
    default long largestLocalMemoryBytes() { return localMemoryBytes(); }

    int computeUnits();

    int maxWorkGroupSize();

    /** Extra facts for listings (driver and language versions, compute capability …). */
    String details();
}
