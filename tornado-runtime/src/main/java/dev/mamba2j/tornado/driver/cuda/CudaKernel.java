package dev.mamba2j.tornado.driver.cuda;

import dev.mamba2j.tornado.driver.LoadedKernel;
import dev.mamba2j.tornado.emit.KernelCode;

import java.lang.foreign.MemorySegment;

/**
 * A {@code CUfunction} of a module loaded in one session.
 *
 * @param jitInfoLog what the driver's JIT reported when loading the module (registers, spills …)
 */
record CudaKernel(KernelCode code, CudaSession session, MemorySegment function, String jitInfoLog)
        implements LoadedKernel {
    /** The dynamic shared memory each launch asks for. */
    int sharedBytes() { return Math.toIntExact(code.dynamicLocalBytes()); }
}
