package dev.mamba2j.model.layers;

import dev.mamba2j.kernels.nn.SquaredRelu;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.WorkerGrid;

/** Nemotron-H's MLP, without a gate: fc1 (up_proj) → max(y, 0)² → fc2 (down_proj) into the hidden state. */
public record SquaredReluMlp(Linear fc1, Linear fc2) implements Mlp {
    public int hidden() { return fc2.in(); }

    /** Adds its three tasks over {@code act.rows()} rows: act.normed() → act.hidden(). */
    @Override
    public void add(DeviceGraph g, String p, Activations act, HybridActivations h) {
        int rows = act.rows(), n = Math.multiplyExact(rows, hidden());
        fc1.add(g, p + "fc1", act.normed(), h.gated(), rows);
        g.tasks().task(p + "relu2", SquaredRelu::apply, new KernelContext(), h.gated(), n);
        g.grid(p + "relu2", WorkerGrid.of1D(n).setLocalWork(64, 1));
        fc2.add(g, p + "fc2", h.gated(), act.hidden(), rows);
    }
}
