package dev.mamba2j.model.layers;

/**
 * A block's MLP, fc1 → activation → fc2 from the normed rows into the hidden state: {@link GatedMlp} (SwiGLU)
 * or {@link SquaredReluMlp} (Nemotron-H's).
 */
public sealed interface Mlp permits GatedMlp, SquaredReluMlp {
    Linear fc1();

    Linear fc2();

    /** Adds its tasks over {@code act.rows()} rows: act.normed() → act.hidden(). */
    void add(DeviceGraph g, String p, Activations act, HybridActivations h);
}
