package dev.mamba2j.tornado.driver.opencl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** Typed reads of clGetPlatformInfo / clGetDeviceInfo / build-log values (size query, then fetch). */
final class ClInfo {
    private ClInfo() {}

    static String platformString(Cl cl, MemorySegment platform, int param) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment size = a.allocate(JAVA_LONG);
            cl.getPlatformInfo(platform, param, 0, Cl.NULL, size);
            MemorySegment value = a.allocate(size.get(JAVA_LONG, 0) + 1);
            cl.getPlatformInfo(platform, param, value.byteSize() - 1, value, Cl.NULL);
            return value.getString(0).trim();
        }
    }

    static String deviceString(Cl cl, MemorySegment device, int param) {
        String s = deviceStringOrNull(cl, device, param);
        if (s == null) throw new OpenClException("clGetDeviceInfo(0x" + Integer.toHexString(param) + ") failed");
        return s;
    }

    /** Null where the device does not know the query (e.g. IL version before OpenCL 2.1). */
    static String deviceStringOrNull(Cl cl, MemorySegment device, int param) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment size = a.allocate(JAVA_LONG);
            if (cl.getDeviceInfo(device, param, 0, Cl.NULL, size) != 0) return null;
            MemorySegment value = a.allocate(size.get(JAVA_LONG, 0) + 1);
            if (cl.getDeviceInfo(device, param, value.byteSize() - 1, value, Cl.NULL) != 0) return null;
            return value.getString(0).trim();
        }
    }

    /** cl_ulong, cl_bitfield and size_t values (8 bytes on 64-bit hosts). */
    static long deviceLong(Cl cl, MemorySegment device, int param) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment value = a.allocate(JAVA_LONG);
            Cl.check("clGetDeviceInfo", cl.getDeviceInfo(device, param, 8, value, Cl.NULL));
            return value.get(JAVA_LONG, 0);
        }
    }

    static int deviceInt(Cl cl, MemorySegment device, int param) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment value = a.allocate(JAVA_INT);
            Cl.check("clGetDeviceInfo", cl.getDeviceInfo(device, param, 4, value, Cl.NULL));
            return value.get(JAVA_INT, 0);
        }
    }

    static String buildLog(Cl cl, MemorySegment program, MemorySegment device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment size = a.allocate(JAVA_LONG);
            cl.getProgramBuildInfo(program, device, Cl.PROGRAM_BUILD_LOG, 0, Cl.NULL, size);
            MemorySegment value = a.allocate(size.get(JAVA_LONG, 0) + 1);
            cl.getProgramBuildInfo(program, device, Cl.PROGRAM_BUILD_LOG, value.byteSize() - 1, value, Cl.NULL);
            return value.getString(0).strip();
        }
    }
}
