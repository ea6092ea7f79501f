/**
 * The kernel JIT: {@link dev.mamba2j.tornado.jit.KernelJit#compile} turns a static kernel method
 * into a {@link dev.mamba2j.tornado.jit.CompiledKernel}. Pipeline: {@code bytecode} (class file to IR,
 * refusing what kernels may not use), {@code pass} (specialisation, float math, folding, dead code,
 * block simplification), then a printer in {@code dev.mamba2j.tornado.emit}.
 */
package dev.mamba2j.tornado.jit;
