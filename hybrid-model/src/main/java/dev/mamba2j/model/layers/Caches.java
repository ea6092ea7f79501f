package dev.mamba2j.model.layers;

import dev.mamba2j.model.config.LayerSpec;
import dev.mamba2j.model.config.ModelConfig;
import dev.mamba2j.model.config.SsmConfig;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * What a batch of sequences carries from one forward to the next, resident on the device: each Mamba-2 layer's
 * convolution state (batch, conv_dim, k − 1) and SSM state (batch, heads, headdim, d_state), the tokens
 * just sampled (the next step's input) and their logits.
 */
public record Caches(int batch, FloatArray[] conv, FloatArray[] ssm, IntArray next, FloatArray logits, FloatArray uniforms) {
    public static Caches of(ModelConfig config, int batch) {
        SsmConfig s = config.ssm();
        int layers = config.numLayers();
        FloatArray[] conv = new FloatArray[layers], ssm = new FloatArray[layers];
        for (int i = 0; i < layers; i++) {
            boolean mamba = config.layers().get(i).mixer() == LayerSpec.Mixer.MAMBA2;  // other blocks carry no recurrent state
            conv[i] = mamba ? Activations.floats(batch, (long) s.convDim() * (s.convKernel() - 1)) : new FloatArray(1);
            ssm[i] = mamba ? Activations.floats(batch, (long) s.numHeads() * s.headDim() * s.stateSize()) : new FloatArray(1);
        }
        return new Caches(batch, conv, ssm, new IntArray(batch), Activations.floats(batch, config.paddedVocab()), new FloatArray(batch));
    }

}
