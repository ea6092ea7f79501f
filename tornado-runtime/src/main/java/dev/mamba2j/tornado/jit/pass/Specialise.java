package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Param;
import dev.mamba2j.tornado.ir.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns scalar parameters into constants: the parameter leaves the device signature and its
 * variable is assigned the value on entry, so constant folding sees it as a constant.
 */
public final class Specialise {
    private Specialise() {}

    /** @param values Java parameter index -> Integer, Long, Float, Double or Boolean */
    public static Function apply(Function f, Map<Integer, Object> values) {
        if (values.isEmpty()) return f;
        List<Param> kept = new ArrayList<>();
        List<Instr> init = new ArrayList<>();
        for (Param p : f.params()) {
            Object v = values.get(p.javaIndex());
            if (v == null || p.kind() != Param.Kind.SCALAR) {
                kept.add(p);
                continue;
            }
            init.add(new Instr.Move(p.var(), constant(p.var().type(), v)));
        }
        Function out = new Function(f.name(), kept, f.blocks());
        out.entry().instrs().addAll(0, init);
        return out;
    }

    static Const constant(Type t, Object v) {
        Number n = v instanceof Boolean z ? (z ? 1 : 0) : (Number) v;
        return switch (t) {
            case INT, BOOL -> Const.of(n.intValue());
            case LONG -> Const.of(n.longValue());
            case FLOAT -> Const.of(n.floatValue());
            case DOUBLE -> Const.of(n.doubleValue());
        };
    }
}
