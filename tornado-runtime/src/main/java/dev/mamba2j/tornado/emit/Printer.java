package dev.mamba2j.tornado.emit;

import dev.mamba2j.tornado.ir.Function;

/**
 * A code generator: an optimised IR function in, device code out. Each instance is made for one
 * target (a PTX printer for one compute capability, an OpenCL printer for one device's options), so
 * equal printers print equal code and a printer can key a cache.
 */
public interface Printer {
    KernelCode.Language language();

    KernelCode print(Function kernel);
}
