package dev.mamba2j.model.layers;

import dev.mamba2j.kernels.nn.KernelMath;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/** RMSNorm over the residual stream, which it also carries: residual += x (in fp32), out = rmsnorm(residual) · weight. */
public record RmsNorm(FloatArray weight, int dim, float eps) {
    /** Adds the task {@code name}; {@code first} starts the residual from x. */
    public void add(DeviceGraph g, String name, FloatArray x, FloatArray residual, FloatArray out, int rows, boolean first) {
        g.tasks().task(name, dev.mamba2j.kernels.nn.RmsNorm::addNorm, new KernelContext(), x, residual, weight, out, dim, eps, first);
        g.grid(name, WorkerGrid.of1D(KernelMath.GROUP * rows).setLocalWork(KernelMath.GROUP));
    }
}
