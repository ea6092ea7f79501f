package dev.mamba2j.tornado.driver;

import dev.mamba2j.tornado.emit.KernelCode;

/** A kernel built for one device session (an OpenCL cl_kernel, a CUDA CUfunction). */
public interface LoadedKernel {
    KernelCode code();
}
