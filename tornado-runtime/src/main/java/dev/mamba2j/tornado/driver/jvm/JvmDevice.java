package dev.mamba2j.tornado.driver.jvm;

import dev.mamba2j.tornado.api.Backend;
import dev.mamba2j.tornado.driver.ComputeDevice;
import dev.mamba2j.tornado.driver.DeviceSession;
import dev.mamba2j.tornado.api.DeviceType;

/** The JVM device, id {@code jvm}. Its memory is the host's; its work-groups run on the host's cores. */
public final class JvmDevice implements ComputeDevice {
    public static final JvmDevice INSTANCE = new JvmDevice();

    private JvmDevice() {}

    @Override public String id() { return "jvm"; }

    @Override public Backend backend() { return Backend.JVM; }

    @Override public String name() { return "Java " + Runtime.version().feature() + " (" + System.getProperty("os.arch") + ")"; }

    @Override public String vendor() { return System.getProperty("java.vendor", "unknown"); }

    @Override public DeviceType type() { return DeviceType.CPU; }

    @Override public long globalMemoryBytes() { return Runtime.getRuntime().maxMemory(); }

    /** Local arrays are Java arrays on the heap; no separate limit. */
    @Override public long localMemoryBytes() { return Runtime.getRuntime().maxMemory(); }

    @Override public int computeUnits() { return Runtime.getRuntime().availableProcessors(); }

    /** Barrier groups run a virtual thread per work-item; this keeps group sizes device-like. */
    @Override public int maxWorkGroupSize() { return 1024; }

    @Override public String details() {
        return "runs the Java kernel methods; work-groups on " + computeUnits()
                + " threads, work-items of groups with barriers on virtual threads; no copies (buffers are the host arrays)";
    }

    @Override public DeviceSession open() { return new JvmSession(); }

    @Override public String toString() { return id() + " " + name(); }
}
