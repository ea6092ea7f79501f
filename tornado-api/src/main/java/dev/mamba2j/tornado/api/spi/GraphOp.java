package dev.mamba2j.tornado.api.spi;

import dev.mamba2j.tornado.api.DataTransferMode;
import dev.mamba2j.tornado.api.arrays.NativeArray;

import java.util.List;
import java.util.Objects;

/** One step of a task graph as the user declared it. */
public sealed interface GraphOp {
    record ToDevice(DataTransferMode mode, List<NativeArray> arrays) implements GraphOp {
        public ToDevice { Objects.requireNonNull(mode, "transfer mode"); }
    }

    record Run(TaskSpec task) implements GraphOp {}

    record ToHost(DataTransferMode mode, List<NativeArray> arrays) implements GraphOp {
        public ToHost { Objects.requireNonNull(mode, "transfer mode"); }
    }

    /** Checks that every object is an off-heap array: only those live on devices. */
    static List<NativeArray> arrays(String what, Object[] objects) {
        for (Object o : objects) {
            if (!(o instanceof NativeArray))
                throw new IllegalArgumentException(what + " takes off-heap arrays (FloatArray, IntArray, HalfArray, BFloat16Array), got "
                        + (o == null ? "null" : o.getClass().getName()));
        }
        return List.of(objects).stream().map(NativeArray.class::cast).toList();
    }
}
