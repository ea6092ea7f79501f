package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.BinOp;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.CmpOp;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.MathTarget;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes Java's arithmetic rules out as plain IR, once for every printer: afterwards an operation
 * means the target's own (see {@code ir/package-info.java}), so a printer maps it to text and holds
 * no Java rule.
 *
 * <ul>
 * <li>Integer division and remainder: a divisor of 0 or -1 is replaced by 1 and the result selected
 *     afterwards (x / 0 = x % 0 = 0, x / -1 = -x wrapping, x % -1 = 0); a constant divisor other than
 *     0 and -1 needs nothing.</li>
 * <li>Shifts: the count is masked to the type's width, a constant count at once.</li>
 * <li>Float to int/long: the target's saturating truncation, with NaN selected to 0.</li>
 * <li>Integer abs: x < 0 ? -x : x with a wrapping negation, so abs(MIN_VALUE) stays MIN_VALUE and no
 *     device compiler may assume the result is non-negative.</li>
 * <li>Floating min/max: IEEE minNum/maxNum, then equal operands (the two zeros) combine their bits
 *     (OR for min: -0 wins; AND for max: +0 wins) and a + b, which is NaN, is selected where either
 *     operand is NaN (a NaN operand itself where the other is a constant).</li>
 * <li>pow: the target's pow, with NaN selected where Java's differs from C's (pow(x, NaN) for x = 1,
 *     pow(±1, ±Inf)).</li>
 * </ul>
 */
public final class JavaSemantics {
    private JavaSemantics() {}

    /** Rewrites every block of f and marks f lowered for target. */
    public static void apply(Function f, MathTarget target) {
        Emitter e = new Emitter(f.nextVarId());
        for (Block b : f.blocks()) {
            List<Instr> in = new ArrayList<>(b.instrs());
            b.instrs().clear();
            e.into(b.instrs());
            for (Instr i : in) lower(i, e);
        }
        f.markLowered(target);
    }

    private static void lower(Instr i, Emitter e) {
        switch (i) {
            case Instr.Binary b when isInteger(b.dst().type()) && (b.op() == BinOp.DIV || b.op() == BinOp.REM) -> divide(b, e);
            case Instr.Binary b when b.op() == BinOp.SHL || b.op() == BinOp.SHR || b.op() == BinOp.USHR -> shift(b, e);
            case Instr.Convert c when c.src().type().isFloating() && isInteger(c.dst().type()) -> truncate(c, e);
            case Instr.Call c when c.fn() == MathFn.ABS && isInteger(c.dst().type()) -> abs(c.dst(), c.args().getFirst(), e);
            case Instr.Call c when (c.fn() == MathFn.MIN || c.fn() == MathFn.MAX) && c.dst().type().isFloating() -> minMax(c, e);
            case Instr.Call c when c.fn() == MathFn.POW -> pow(c, e);
            default -> e.add(i);
        }
    }

    private static boolean isInteger(Type t) { return t == Type.INT || t == Type.LONG; }

    private static Const integer(Type t, long v) { return t == Type.LONG ? Const.of(v) : Const.of((int) v); }

    private static void divide(Instr.Binary b, Emitter e) {
        Var d = b.dst();
        Type t = d.type();
        Operand x = b.a(), y = b.b();
        boolean div = b.op() == BinOp.DIV;
        if (y instanceof Const c) {
            long v = c.value().longValue();
            if (v == 0) e.add(new Instr.Move(d, integer(t, 0)));
            else if (v == -1) e.add(div ? new Instr.Neg(d, x) : new Instr.Move(d, integer(t, 0)));
            else e.add(b);
            return;
        }
        Var zero = e.cmp(CmpOp.EQ, y, integer(t, 0), "zero"), minusOne = e.cmp(CmpOp.EQ, y, integer(t, -1), "minusOne");
        Var special = e.bin(BinOp.OR, zero, minusOne, "special");
        Var safe = e.select(special, integer(t, 1), y, "safe");
        Var q = e.bin(b.op(), x, safe, div ? "q" : "r");
        if (div) {
            Var negated = e.neg(x, "negated");
            e.add(new Instr.Select(d, zero, integer(t, 0), e.select(minusOne, negated, q, "q")));
        } else {
            e.add(new Instr.Select(d, special, integer(t, 0), q));
        }
    }

    private static void shift(Instr.Binary b, Emitter e) {
        int mask = b.dst().type() == Type.LONG ? 63 : 31;
        Operand count = b.b() instanceof Const c ? Const.of(c.asInt() & mask) : e.bin(BinOp.AND, b.b(), Const.of(mask), "count");
        e.add(new Instr.Binary(b.dst(), b.op(), b.a(), count));
    }

    private static void truncate(Instr.Convert c, Emitter e) {
        Var d = c.dst();
        Var t = e.convert(d.type(), c.src(), "trunc");
        Var nan = e.cmp(CmpOp.NE, c.src(), c.src(), "nan");
        e.add(new Instr.Select(d, nan, integer(d.type(), 0), t));
    }

    /**
     * |x| with Java's wrap (|MIN_VALUE| is MIN_VALUE) as x - (2x & sign), sign all ones when x is negative.
     * Not the compare, negate and select idiom: NVIDIA's OpenCL compiler miscompiled arithmetic on its
     * result for MIN_VALUE (two JIT-fuzzer findings on the H200; CUDA and PoCL were right).
     */
    private static void abs(Var d, Operand x, Emitter e) {
        Var sign = e.bin(BinOp.SHR, x, Const.of(d.type() == Type.LONG ? 63 : 31), "sign");
        Var twice = e.bin(BinOp.SHL, x, Const.of(1), "twice");
        e.add(new Instr.Binary(d, BinOp.SUB, x, e.bin(BinOp.AND, twice, sign, "masked")));
    }

    private static void minMax(Instr.Call c, Emitter e) {
        Var d = c.dst();
        Type t = d.type();
        boolean min = c.fn() == MathFn.MIN;
        Operand a = c.args().get(0), b = c.args().get(1);
        if (a instanceof Const && !(b instanceof Const)) { Operand s = a; a = b; b = s; }
        if (b instanceof Const k) { // only a can be NaN, and only a zero constant can tie with a zero of the other sign
            double v = k.value().doubleValue();
            if (Double.isNaN(v)) { e.add(new Instr.Move(d, k)); return; }
            Operand value = e.call(c.fn(), t, min ? "min" : "max", a, k);
            if (v == 0) {
                boolean constantWins = min == (1 / v < 0); // min with -0, max with +0
                value = e.select(e.cmp(CmpOp.EQ, a, k, "tie"), constantWins ? k : a, value, min ? "min" : "max");
            }
            e.add(new Instr.Select(d, e.cmp(CmpOp.NE, a, a, "nan"), a, value));
            return;
        }
        Var m = e.call(c.fn(), t, min ? "min" : "max", a, b);
        Type bits = t == Type.FLOAT ? Type.INT : Type.LONG;
        Var ab = e.bitcast(bits, a, "bits"), bb = e.bitcast(bits, b, "bits");
        Var tie = e.bitcast(t, e.bin(min ? BinOp.OR : BinOp.AND, ab, bb, "bits"), "tie");
        Var equal = e.cmp(CmpOp.EQ, a, b, "equal");
        Var v = e.select(equal, tie, m, min ? "min" : "max");
        // a NaN operand's own payload where the device keeps payloads (CPUs, as Java does); GPUs give their NaN
        e.add(new Instr.Select(d, e.cmp(CmpOp.UNORDERED, a, b, "nan"), e.bin(BinOp.ADD, a, b, "nan"), v));
    }

    private static void pow(Instr.Call c, Emitter e) {
        Var d = c.dst();
        Type t = d.type();
        Operand x = c.args().get(0), y = c.args().get(1);
        Const nan = floating(t, Double.NaN);
        if (y instanceof Const k && !Double.isInfinite(k.value().doubleValue())) {
            e.add(Double.isNaN(k.value().doubleValue()) ? new Instr.Move(d, nan) : c);
            return;
        }
        Var p = e.call(MathFn.POW, t, "pow", x, y);
        Var unit = e.cmp(CmpOp.EQ, e.call(MathFn.ABS, t, "ax", x), floating(t, 1), "unit");
        Var bad = unit;
        if (!(y instanceof Const)) {
            Var infinite = e.cmp(CmpOp.EQ, e.call(MathFn.ABS, t, "ay", y), floating(t, Double.POSITIVE_INFINITY), "infinite");
            bad = e.bin(BinOp.OR, e.cmp(CmpOp.NE, y, y, "nan"), e.bin(BinOp.AND, unit, infinite, "unitInf"), "bad");
        }
        e.add(new Instr.Select(d, bad, nan, p));
    }

    private static Const floating(Type t, double v) { return t == Type.FLOAT ? Const.of((float) v) : Const.of(v); }
}
