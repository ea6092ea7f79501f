/**
 * The kernel JIT: {@link dev.mamba2j.tornado.jit.KernelJit#compile} turns a static kernel method and
 * its arguments into optimised IR ({@link dev.mamba2j.tornado.jit.KernelIr}). Pipeline: {@code bytecode}
 * (class file to IR, refusing what kernels may not use), then {@code pass} (specialisation, float math,
 * folding, dead code, block simplification, if-conversion, unrolling, and last the lowering of Java's
 * rules for the printer's {@link dev.mamba2j.tornado.ir.MathTarget}). The front end maps {@code @Parallel}
 * loops onto grid dimensions and describes them ({@code loops}: start, step and bound as expressions over
 * the task's arguments) so that the runtime can size a grid. The JIT knows no printer and no driver: the
 * runtime passes the printer's target in and hands the IR to that printer.
 */
package dev.mamba2j.tornado.jit;
