package dev.mamba2j.model.config;

/** How a model's MLPs turn fc1's output into fc2's input. */
public enum MlpKind {
    /** fc1 → [y, gate], y · silu(gate): mamba_ssm's GatedMLP, Bamba's SwiGLU feed-forward. */
    SWIGLU,
    /** fc1 → y, max(y, 0)²: Nemotron-H's {@code relu2} MLP, without a gate. */
    RELU2;

    /** Rows of fc1 for an MLP of {@code hidden} channels: the gated kind packs y and gate. */
    public long fc1Rows(int hidden) { return this == SWIGLU ? 2L * hidden : hidden; }
}
