package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.jit.CompiledKernel;
import dev.mamba2j.tornado.jit.KernelJit;

import java.lang.reflect.Method;

/** The runtime's two uses of the JIT: the subset check every backend runs, and compilation for devices. */
final class JitBridge {
    private JitBridge() {}

    /**
     * Refuses Java outside the kernel subset, with the JIT front end's message, so that a kernel
     * the devices would reject fails on the JVM device too.
     */
    static void check(Method kernel, Object[] args) {
        KernelJit.check(kernel);
    }

    static CompiledKernel compile(Method kernel, Object[] args, CompiledKernel.Language language) {
        return KernelJit.compile(kernel, args, language);
    }
}
