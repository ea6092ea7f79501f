package dev.mamba2j.model.weights;

import java.util.Arrays;

/**
 * A tensor the model needs: its canonical name (see {@link TensorNames}) and shape.
 *
 * @param required false only for the LM head of a model with tied embeddings, which may be absent
 */
public record TensorSpec(String name, long[] shape, boolean required) {
    public TensorSpec {
        shape = shape.clone();
    }

    @Override public long[] shape() { return shape.clone(); }

    /** The shape as {@code [a, b]}. */
    public String shapeString() { return Arrays.toString(shape); }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec s && s.name.equals(name) && Arrays.equals(s.shape, shape) && s.required == required;
    }

    @Override public int hashCode() { return name.hashCode() * 31 + Arrays.hashCode(shape); }

    @Override public String toString() { return name + " " + shapeString() + (required ? "" : " (optional)"); }
}
