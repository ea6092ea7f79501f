package dev.mamba2j.tornado.driver.opencl;

import dev.mamba2j.tornado.driver.LoadedKernel;
import dev.mamba2j.tornado.emit.KernelCode;

import java.lang.foreign.MemorySegment;

/** A cl_kernel; owned and released by the session that built it. */
record OpenClKernel(KernelCode code, OpenClSession owner, MemorySegment handle) implements LoadedKernel {
    @Override public String toString() { return "OpenClKernel[" + code.entryName() + "]"; }
}
