package dev.mamba2j.model.layers;

import dev.mamba2j.kernels.nn.KernelMath;
import dev.mamba2j.kernels.nn.Sampling;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * How the next token is chosen from the logits, on the device: greedy (temperature 0) or sampled with
 * temperature, top-k (0: off) and top-p (1: off) from one uniform number per sequence, which the host
 * draws from a seeded generator so that a run repeats.
 */
public record Sampler(float temperature, int topK, float topP, long seed) {
    public static final Sampler GREEDY = new Sampler(0, 0, 1, 0);

    public Sampler {
        if (!(temperature >= 0) || Float.isInfinite(temperature)) throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        if (topK < 0) throw new IllegalArgumentException("top-k must be >= 0 (0 turns it off), got " + topK);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must lie in (0, 1], got " + topP);
    }

    public boolean greedy() { return temperature == 0; }

    /** Adds the task {@code name}: next[s] from logits row s. */
    public void add(DeviceGraph g, String name, FloatArray logits, FloatArray uniforms, IntArray next, int rows, int vocab, int stride) {
        KernelContext ctx = new KernelContext();
        if (greedy()) g.tasks().task(name, Sampling::argmax, ctx, logits, next, vocab, stride);
        else g.tasks().task(name, Sampling::sample, ctx, logits, uniforms, next, vocab, stride, temperature, topK, topP);
        g.grid(name, WorkerGrid.of1D(KernelMath.GROUP * rows).setLocalWork(KernelMath.GROUP));
    }
}
