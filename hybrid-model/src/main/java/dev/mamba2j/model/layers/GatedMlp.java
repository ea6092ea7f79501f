package dev.mamba2j.model.layers;

import dev.mamba2j.kernels.nn.SwiGlu;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.WorkerGrid;

/**
 * The gated MLP after a block's mixer: fc1 → [y, gate] (mamba_ssm's GatedMLP order; transformers' up_proj and
 * gate_proj stacked the same way), y · silu(gate), fc2 into the hidden state.
 */
public record GatedMlp(Linear fc1, Linear fc2) implements Mlp {
    public int hidden() { return fc2.in(); }

    /** Adds its three tasks over {@code act.rows()} rows: act.normed() → act.hidden(). */
    @Override
    public void add(DeviceGraph g, String p, Activations act, HybridActivations h) {
        int rows = act.rows(), hidden = hidden();
        fc1.add(g, p + "fc1", act.normed(), h.upGate(), rows);
        g.tasks().task(p + "swiglu", SwiGlu::gate, new KernelContext(), h.upGate(), h.gated(), rows, hidden);
        g.grid(p + "swiglu", WorkerGrid.of2D(hidden, rows).setLocalWork(Math.min(hidden, 64), 1));
        fc2.add(g, p + "fc2", h.gated(), act.hidden(), rows);
    }
}
