package dev.mamba2j.tornado.ir;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a printer's language computes natively, which the lowering pass needs to know: the math
 * functions it prints as they are, per floating type (with the meaning {@link MathFn} gives them after
 * lowering), and whether it has Java's floating remainder. The lowering replaces every other function
 * and remainder by the device math library's version, Java compiled by the JIT and inlined.
 * Integer MIN and MAX are native everywhere; integer ABS is lowered everywhere.
 *
 * @param name        the language, for messages
 * @param floats      functions on FLOAT the printer prints as they are
 * @param doubles     functions on DOUBLE the printer prints as they are
 * @param floatingRem whether floating REM is native (C's fmod is Java's %)
 */
public record MathTarget(String name, Set<MathFn> floats, Set<MathFn> doubles, boolean floatingRem) {
    public MathTarget {
        floats = Set.copyOf(floats);
        doubles = Set.copyOf(doubles);
    }

    /** A target with every function and the remainder native. */
    public static MathTarget allNative(String name) {
        return new MathTarget(name, EnumSet.allOf(MathFn.class), EnumSet.allOf(MathFn.class), true);
    }

    /** Whether the printer prints fn on operands of type t as it is. */
    public boolean has(MathFn fn, Type t) {
        return switch (t) {
            case FLOAT -> floats.contains(fn);
            case DOUBLE -> doubles.contains(fn);
            case INT, LONG -> fn == MathFn.MIN || fn == MathFn.MAX;
            case BOOL -> false;
        };
    }

    /**
     * Whether everything a function lowered for other may still contain is native here too: then a
     * printer for this target prints it (an OpenCL printer prints IR lowered for PTX, say).
     */
    public boolean covers(MathTarget other) {
        return floats.containsAll(other.floats) && doubles.containsAll(other.doubles) && (floatingRem || !other.floatingRem);
    }

    @Override public String toString() { return name; }
}
