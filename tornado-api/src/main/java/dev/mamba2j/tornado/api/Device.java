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

    long localMemoryBytes();

    int computeUnits();

    int maxWorkGroupSize();

    /** Extra facts for listings (driver and language versions, compute capability …). */
    String details();
}
