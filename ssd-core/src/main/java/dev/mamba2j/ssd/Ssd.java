package dev.mamba2j.ssd;

/** An implementation of the SSD forward pass described in {@link SsdInputs}. */
public interface Ssd {

    /** Writes every element of {@code out}; its previous contents are never read. */
    void forward(SsdInputs in, SsdOutputs out);

    /** The forward pass into freshly allocated outputs. */
    default SsdOutputs forward(SsdInputs in) {
        SsdOutputs out = SsdOutputs.allocate(in);
        forward(in, out);
        return out;
    }
}
