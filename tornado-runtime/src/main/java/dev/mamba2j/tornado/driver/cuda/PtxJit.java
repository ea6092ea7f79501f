package dev.mamba2j.tornado.driver.cuda;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Loads PTX text through the driver's JIT ({@code cuModuleLoadDataEx}) with error and info log
 * buffers and verbose logging, so a rejected module reports what the JIT said about it.
 */
final class PtxJit {
    private static final int LOG_BYTES = 64 * 1024;

    /** A loaded {@code CUmodule} and the JIT's info log. */
    record Module(MemorySegment handle, String infoLog) {}

    private PtxJit() {}

    /** Loads into the current context; a rejection throws {@link PtxLoadException}. */
    static Module load(CudaApi cu, String ptx, String entryName) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment infoLog = a.allocate(LOG_BYTES), errorLog = a.allocate(LOG_BYTES);
            int[] keys = {CudaApi.JIT_INFO_LOG_BUFFER, CudaApi.JIT_INFO_LOG_BUFFER_SIZE_BYTES,
                    CudaApi.JIT_ERROR_LOG_BUFFER, CudaApi.JIT_ERROR_LOG_BUFFER_SIZE_BYTES, CudaApi.JIT_LOG_VERBOSE};
            MemorySegment options = a.allocateFrom(JAVA_INT, keys);
            // option values are void*: buffers as pointers, sizes and flags as integers in the pointer slot
            MemorySegment values = a.allocate(ADDRESS, keys.length);
            values.setAtIndex(ADDRESS, 0, infoLog);
            values.setAtIndex(JAVA_LONG, 1, LOG_BYTES);
            values.setAtIndex(ADDRESS, 2, errorLog);
            values.setAtIndex(JAVA_LONG, 3, LOG_BYTES);
            values.setAtIndex(JAVA_LONG, 4, 1);
            MemorySegment out = a.allocate(ADDRESS);
            int rc = cu.moduleLoadDataEx(out, a.allocateFrom(ptx), keys.length, options, values);
            String info = infoLog.getString(0);
            if (rc == 0) return new Module(out.get(ADDRESS, 0), info);
            String log = errorLog.getString(0) + (info.isBlank() ? "" : "\n" + info);
            CudaException error = new CudaException("cuModuleLoadDataEx", rc, cu.errorName(rc), cu.errorString(rc));
            throw new PtxLoadException(error, entryName, log, dump(ptx, entryName));
        }
    }

    private static Path dump(String ptx, String entryName) {
        try {
            Path file = Files.createTempFile("mamba2j-" + entryName.replaceAll("[^A-Za-z0-9_]", "_") + "-", ".ptx");
            return Files.writeString(file, ptx);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
