package dev.mamba2j.model.weights;

import java.lang.foreign.Arena;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/** One weights file whose tensors are views of memory its arena maps; closing the file unmaps them. */
abstract class MappedFile implements WeightFiles {
    private final String source;
    private final Arena arena;
    private final Map<String, Tensor> tensors;

    MappedFile(String source, Arena arena, Map<String, Tensor> tensors) {
        this.source = source;
        this.arena = arena;
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    @Override public final String source() { return source; }

    @Override public final Set<String> names() { return tensors.keySet(); }

    @Override
    public final Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) throw new WeightException(source + ": missing tensor " + name);
        return t;
    }

    @Override
    public final synchronized void close() {
        if (arena.scope().isAlive()) arena.close();
    }
}
