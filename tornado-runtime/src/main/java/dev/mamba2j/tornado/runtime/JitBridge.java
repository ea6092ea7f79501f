package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.driver.DeviceSession;
import dev.mamba2j.tornado.driver.cuda.CudaSession;
import dev.mamba2j.tornado.driver.cuda.PtxTarget;
import dev.mamba2j.tornado.jit.CompiledKernel;
import dev.mamba2j.tornado.jit.KernelJit;

import java.lang.reflect.Method;

/** The runtime's two uses of the JIT: the subset check every backend runs, and compilation for devices. */
final class JitBridge {
    private JitBridge() {}

    /**
     * Refuses Java outside the kernel subset with the JIT's own message, so that the JVM device
     * rejects what the devices reject. It runs the whole pipeline to OpenCL C (cached by the JIT):
     * some checks, such as constant local-array sizes, come after the front end.
     */
    static void check(Method kernel, Object[] args) {
        KernelJit.compile(kernel, args, CompiledKernel.Language.OPENCL_C);
    }

    /** Code in the session's language; PTX for the session's compute capability and driver. */
    static CompiledKernel compile(Method kernel, Object[] args, DeviceSession session) {
        PtxTarget target = session instanceof CudaSession cuda ? cuda.ptxTarget() : null;
        return KernelJit.compile(kernel, args, session.language(), target);
    }
}
