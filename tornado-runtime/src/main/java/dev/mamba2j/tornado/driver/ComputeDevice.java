package dev.mamba2j.tornado.driver;

/** One device a driver found. Cheap to hold; {@link #open()} creates its context and queue. */
public interface ComputeDevice {
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

    DeviceSession open();
}
