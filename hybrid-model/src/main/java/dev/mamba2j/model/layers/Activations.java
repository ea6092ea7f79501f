package dev.mamba2j.model.layers;

import dev.mamba2j.model.config.ModelConfig;
import dev.mamba2j.model.config.SsmConfig;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * The activations of one forward over {@code rows} token rows, shared by every layer (each layer
 * overwrites them): the residual stream, the normed input, in_proj's output [z, xBC, dt], the
 * convolution's x, B and C, dt, the SSD's y and the gated norm's output. They stay on the device.
 */
public record Activations(int rows, IntArray tokens, FloatArray hidden, FloatArray residual, FloatArray normed, FloatArray proj,
                          FloatArray x, FloatArray b, FloatArray c, FloatArray dt, FloatArray y, FloatArray gated) {
    public static Activations of(ModelConfig config, int rows) {
        SsmConfig s = config.ssm();
        int d = config.hiddenSize(), bc = s.nGroups() * s.stateSize();
        return new Activations(rows, new IntArray(rows), floats(rows, d), floats(rows, d), floats(rows, d), floats(rows, s.inProjSize()),
                floats(rows, s.intermediate()), floats(rows, bc), floats(rows, bc), floats(rows, s.numHeads()),
                floats(rows, s.intermediate()), floats(rows, s.intermediate()));
    }

    /** A zeroed (rows, width) fp32 array. */
    public static FloatArray floats(long rows, long width) { return new FloatArray(Math.toIntExact(rows * width)); }
}
