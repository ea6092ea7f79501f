package dev.mamba2j.model.layers;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/** The token embedding, a table (vocab, dim) stored like a linear layer's weight (and shared with a tied LM head). */
public record Embedding(Linear table) {
    /** Adds the task {@code name}: out (rows, dim) = table[tokens[r]]. */
    public void add(DeviceGraph g, String name, IntArray tokens, FloatArray out, int rows) {
        int dim = table.in();
        KernelContext ctx = new KernelContext();
        if (table.isBf16()) g.tasks().task(name, dev.mamba2j.kernels.nn.Embedding::gatherBf16, ctx, tokens, table.w16(), out, rows, dim);
        else g.tasks().task(name, dev.mamba2j.kernels.nn.Embedding::gather, ctx, tokens, table.w32(), out, rows, dim);
        g.grid(name, WorkerGrid.of2D(dim, rows).setLocalWork(Math.min(dim, 64), 1));
    }
}
