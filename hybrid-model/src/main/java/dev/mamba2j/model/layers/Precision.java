package dev.mamba2j.model.layers;

/** How the large weights (embedding, linear layers, LM head) are stored on the device; activations are fp32. */
public enum Precision {
    FP32,
    /** bf16 storage, fp32 accumulation: half the bytes of every weight read. */
    BF16;

    /** Parses {@code fp32} or {@code bf16}, naming both when given anything else. */
    public static Precision parse(String s) {
        for (Precision p : values()) if (p.name().equalsIgnoreCase(s.strip())) return p;
        throw new IllegalArgumentException("unknown dtype '" + s + "': use fp32 or bf16");
    }
}
