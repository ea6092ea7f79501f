package dev.mamba2j.tornado.emit.ptx;

import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text of one PTX function body under construction: instruction lines, operand spelling and
 * scratch registers. Scratch registers are numbered per PTX register type and declared in bulk
 * ({@code .reg .f32 %tf<7>;}) once the body is done.
 */
final class PtxWriter {
    private final StringBuilder body = new StringBuilder();
    private final Map<String, Integer> temps = new LinkedHashMap<>();

    /** One instruction, e.g. {@code add.s32 %v_i, %v_i, 1}; the semicolon is added. */
    void op(String instruction) { body.append("    ").append(instruction).append(";\n"); }

    /** A line as it is, e.g. a brace opening or closing a scope. */
    void line(String text) { body.append("    ").append(text).append('\n'); }

    void label(String label) { body.append(label).append(":\n"); }

    void comment(String text) { body.append("    // ").append(text).append('\n'); }

    String body() { return body.toString(); }

    /** A fresh scratch register of a PTX register type ({@code pred, b16, b32, s32, s64, u64, f32, f64}). */
    String temp(String regType) {
        int n = temps.merge(regType, 1, Integer::sum) - 1;
        return "%t" + prefix(regType) + n;
    }

    String temp(Type t) { return temp(PtxTypes.reg(t)); }

    /** {@code .reg} lines for every scratch register used. */
    String tempDeclarations() {
        StringBuilder sb = new StringBuilder();
        temps.forEach((type, count) -> sb.append("    .reg .").append(type).append(" %t").append(prefix(type))
                .append('<').append(count).append(">;\n"));
        return sb.toString();
    }

    private static String prefix(String regType) {
        return switch (regType) {
            case "pred" -> "p";
            case "b16" -> "h";
            case "s32" -> "r";
            case "b32" -> "w";
            case "s64" -> "l";
            case "u64" -> "a";
            case "f32" -> "f";
            case "f64" -> "d";
            default -> throw new IllegalArgumentException(regType);
        };
    }

    /** A variable's register. */
    static String reg(Var v) { return "%v_" + v.name(); }

    /** An operand as PTX spells it: a register, or an immediate (floats as exact hex bit patterns). */
    static String val(Operand o) {
        return switch (o) {
            case Var v -> reg(v);
            case Const c -> switch (c.type()) {
                case BOOL, INT -> Integer.toString(c.value().intValue());
                case LONG -> Long.toString(c.value().longValue());
                case FLOAT -> String.format("0f%08X", Float.floatToRawIntBits(c.value().floatValue()));
                case DOUBLE -> String.format("0d%016X", Double.doubleToRawLongBits(c.value().doubleValue()));
            };
        };
    }

    /** A predicate register for a BOOL operand (constants are materialised: predicates have no immediates). */
    String pred(Operand o) {
        if (o instanceof Var v) return reg(v);
        String p = temp("pred");
        op("mov.pred " + p + ", " + val(o));
        return p;
    }
}
