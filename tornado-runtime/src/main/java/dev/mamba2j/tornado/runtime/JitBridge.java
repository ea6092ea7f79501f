package dev.mamba2j.tornado.runtime;

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

    static CompiledKernel compile(Method kernel, Object[] args, CompiledKernel.Language language) {
        return KernelJit.compile(kernel, args, language);
    }
}
