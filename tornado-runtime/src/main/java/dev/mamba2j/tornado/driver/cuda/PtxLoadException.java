package dev.mamba2j.tornado.driver.cuda;

import java.nio.file.Path;

/**
 * The driver's PTX JIT rejected a module. Carries the JIT's error log and where the offending PTX
 * was written, so the failure can be reproduced with {@code ptxas} alone.
 */
public final class PtxLoadException extends CudaException {
    private final String jitLog;
    private final Path dumpedPtx;

    PtxLoadException(CudaException cause, String entryName, String jitLog, Path dumpedPtx) {
        super(cause.call(), cause.code(), cause.errorName(), "loading PTX of kernel " + entryName,
                "JIT log:\n" + (jitLog.isBlank() ? "(empty)" : jitLog.strip())
                        + "\nPTX dumped to: " + (dumpedPtx == null ? "(could not write)" : dumpedPtx));
        this.jitLog = jitLog;
        this.dumpedPtx = dumpedPtx;
        initCause(cause);
    }

    /** The JIT's error (and verbose info) log. */
    public String jitLog() { return jitLog; }

    /** The PTX that failed, written to a temporary file; null if it could not be written. */
    public Path dumpedPtx() { return dumpedPtx; }
}
