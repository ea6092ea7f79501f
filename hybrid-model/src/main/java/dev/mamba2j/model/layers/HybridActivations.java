package dev.mamba2j.model.layers;

import dev.mamba2j.model.config.AttentionConfig;
import dev.mamba2j.model.config.MlpKind;
import dev.mamba2j.model.config.ModelConfig;
import dev.mamba2j.tornado.api.arrays.FloatArray;

/**
 * The activations of attention layers and gated MLPs over {@code rows} token rows, beside the Mamba-2
 * mixer's ({@link Activations}): the packed q/k/v projection, q after the rotary embedding, the attention's
 * output (rows, heads·headDim), the MLP's packed [y, gate] projection (SwiGLU) and its gated product, or the
 * squared-ReLU MLP's projection, activated in place. Arrays a model does not use hold one element.
 */
public record HybridActivations(int rows, FloatArray qkv, FloatArray q, FloatArray attention, FloatArray upGate, FloatArray gated) {
    public static HybridActivations of(ModelConfig config, int rows) {
        FloatArray qkv = new FloatArray(1), q = new FloatArray(1), att = new FloatArray(1), upGate = new FloatArray(1), gated = new FloatArray(1);
        if (config.attention().isPresent()) {
            AttentionConfig a = config.attention().get();
            qkv = Activations.floats(rows, a.qkvDim());
            q = Activations.floats(rows, (long) a.numHeads() * a.headDim());
            att = Activations.floats(rows, (long) a.numHeads() * a.headDim());
        }
        if (config.mlpHidden() > 0) {
            if (config.mlpKind() == MlpKind.SWIGLU) upGate = Activations.floats(rows, 2L * config.mlpHidden());
            gated = Activations.floats(rows, config.mlpHidden());
        }
        return new HybridActivations(rows, qkv, q, att, upGate, gated);
    }
}
