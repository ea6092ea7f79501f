package dev.mamba2j.tornado.driver.opencl;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Bytes the process holds in native memory. glibc's mallinfo2 counts malloc'd bytes exactly
 * (what a leaked OpenCL object or scratch buffer would show up in), unlike VmRSS, which also
 * grows while the Java heap first touches its pages. Elsewhere VmRSS is the fallback.
 */
final class NativeHeap {
    private static final MemoryLayout MALLINFO2 = MemoryLayout.structLayout(
            JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle MALLINFO = Linker.nativeLinker().defaultLookup().find("mallinfo2")
            .map(s -> Linker.nativeLinker().downcallHandle(s, FunctionDescriptor.of(MALLINFO2)))
            .orElse(null);

    private NativeHeap() {}

    /** "malloc" when counting malloc'd bytes, "VmRSS" when falling back, "none" when neither works. */
    static String source() { return MALLINFO != null ? "malloc" : Files.exists(Path.of("/proc/self/status")) ? "VmRSS" : "none"; }

    static long bytes() {
        if (MALLINFO != null) {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment info = (MemorySegment) MALLINFO.invokeExact((java.lang.foreign.SegmentAllocator) a);
                return info.getAtIndex(JAVA_LONG, 7) + info.getAtIndex(JAVA_LONG, 4); // uordblks + hblkhd
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("VmRSS:")) return 1024 * Long.parseLong(line.replaceAll("\\D", ""));
        } catch (IOException | NumberFormatException e) {
            // no way to measure: the object count alone decides
        }
        return 0;
    }
}
