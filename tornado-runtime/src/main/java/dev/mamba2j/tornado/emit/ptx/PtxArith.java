package dev.mamba2j.tornado.emit.ptx;

import dev.mamba2j.tornado.api.KernelCompilationException;
import dev.mamba2j.tornado.ir.BinOp;
import dev.mamba2j.tornado.ir.CmpOp;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Type;

import static dev.mamba2j.tornado.emit.ptx.PtxWriter.reg;
import static dev.mamba2j.tornado.emit.ptx.PtxWriter.val;

/**
 * Arithmetic, comparisons and conversions with Java's semantics. Floating add/sub/mul carry an
 * explicit {@code .rn}, which also keeps ptxas from contracting them into fma (Java rounds each
 * operation); no {@code .ftz}, so subnormals survive as in Java.
 */
final class PtxArith {
    private final PtxWriter w;
    private final PtxLibm libm;

    PtxArith(PtxWriter w, PtxLibm libm) {
        this.w = w;
        this.libm = libm;
    }

    void neg(Instr.Neg n) {
        w.op("neg." + PtxTypes.reg(n.dst().type()) + " " + reg(n.dst()) + ", " + val(n.a()));
    }

    void binary(Instr.Binary b) {
        Type t = b.dst().type();
        String d = reg(b.dst()), x = val(b.a()), y = val(b.b());
        if (t == Type.BOOL) {
            String op = switch (b.op()) {
                case AND -> "and";
                case OR -> "or";
                case XOR -> "xor";
                default -> throw new KernelCompilationException("PTX: " + b.op() + " on booleans in " + b);
            };
            w.op(op + ".pred " + d + ", " + w.pred(b.a()) + ", " + w.pred(b.b()));
            return;
        }
        String rt = PtxTypes.reg(t);
        if (t.isFloating()) {
            if (b.op() == BinOp.REM) {       // Java's % is C's fmod, computed exactly by the library
                libm.call(w, t == Type.DOUBLE ? "j_fmodd" : "j_fmodf", d, x, y);
                return;
            }
            String op = switch (b.op()) {
                case ADD -> "add.rn";
                case SUB -> "sub.rn";
                case MUL -> "mul.rn";
                case DIV -> "div.rn";
                default -> throw new KernelCompilationException("PTX: floating " + b.op()
                        + " is not supported by the PTX printer (" + b + ")");
            };
            w.op(op + "." + rt + " " + d + ", " + x + ", " + y);
            return;
        }
        switch (b.op()) {
            case ADD -> w.op("add." + rt + " " + d + ", " + x + ", " + y);
            case SUB -> w.op("sub." + rt + " " + d + ", " + x + ", " + y);
            case MUL -> w.op("mul.lo." + rt + " " + d + ", " + x + ", " + y);
            case DIV, REM -> divide(b.op(), t, d, x, y);
            case AND -> w.op("and." + PtxTypes.bits(t) + " " + d + ", " + x + ", " + y);
            case OR -> w.op("or." + PtxTypes.bits(t) + " " + d + ", " + x + ", " + y);
            case XOR -> w.op("xor." + PtxTypes.bits(t) + " " + d + ", " + x + ", " + y);
            case SHL, SHR, USHR -> shift(b.op(), t, d, x, y);
        }
    }

    /** Java masks shift counts to 5 (6) bits; PTX would clamp them instead. */
    private void shift(BinOp op, Type t, String d, String x, String count) {
        String c = w.temp("s32");
        w.op("and.b32 " + c + ", " + count + ", " + (t.isWide() ? 63 : 31));
        String kind = switch (op) {
            case SHL -> "shl." + PtxTypes.bits(t);
            case SHR -> "shr." + PtxTypes.reg(t);
            default -> "shr." + PtxTypes.unsigned(t);
        };
        w.op(kind + " " + d + ", " + x + ", " + c);
    }

    /**
     * Integer division as the IR defines it: x / 0 = 0 and x % 0 = 0 (devices do not trap);
     * MIN / -1 = MIN and MIN % -1 = 0 as in Java. PTX leaves both cases undefined, so the divisor
     * is replaced by 1 there and the result fixed up afterwards.
     */
    private void divide(BinOp op, Type t, String d, String x, String y) {
        String rt = PtxTypes.reg(t);
        long divisor = constant(y);
        if (divisor != 0 && divisor != -1 && divisor != Long.MIN_VALUE) { // a plain constant needs no guards
            w.op((op == BinOp.DIV ? "div." : "rem.") + rt + " " + d + ", " + x + ", " + y);
            return;
        }
        String zero = w.temp("pred"), minusOne = w.temp("pred"), special = w.temp("pred");
        String safe = w.temp(t), q = w.temp(t);
        w.op("setp.eq." + rt + " " + zero + ", " + y + ", 0");
        w.op("setp.eq." + rt + " " + minusOne + ", " + y + ", -1");
        w.op("or.pred " + special + ", " + zero + ", " + minusOne);
        w.op("selp." + rt + " " + safe + ", 1, " + y + ", " + special);
        if (op == BinOp.DIV) {
            w.op("div." + rt + " " + q + ", " + x + ", " + safe);
            String negated = w.temp(t);
            w.op("neg." + rt + " " + negated + ", " + x);                  // x / -1, wrapping at MIN
            w.op("selp." + rt + " " + q + ", " + negated + ", " + q + ", " + minusOne);
            w.op("selp." + rt + " " + d + ", 0, " + q + ", " + zero);
        } else {
            w.op("rem." + rt + " " + q + ", " + x + ", " + safe);
            w.op("selp." + rt + " " + d + ", 0, " + q + ", " + special);  // x % -1 and x % 0 are 0
        }
    }

    /** The value of an integer immediate, or Long.MIN_VALUE for a register. */
    private static long constant(String operand) {
        try {
            return Long.parseLong(operand);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    void compare(Instr.Compare c) {
        Type t = c.a().type();
        String d = reg(c.dst());
        if (t == Type.BOOL) {
            if (c.op() != CmpOp.EQ && c.op() != CmpOp.NE)
                throw new KernelCompilationException("PTX: ordering compare of booleans in " + c);
            w.op("xor.pred " + d + ", " + w.pred(c.a()) + ", " + w.pred(c.b()));
            if (c.op() == CmpOp.EQ) w.op("not.pred " + d + ", " + d);
            return;
        }
        String cmp = switch (c.op()) {
            case EQ -> "eq";
            case NE -> t.isFloating() ? "neu" : "ne"; // NaN != x is true in Java
            case LT -> "lt";
            case LE -> "le";
            case GT -> "gt";
            case GE -> "ge";
        };
        w.op("setp." + cmp + "." + PtxTypes.reg(t) + " " + d + ", " + val(c.a()) + ", " + val(c.b()));
    }

    /**
     * Java primitive conversions. Floating to integer uses {@code cvt.rzi}, which truncates and
     * saturates to the integer range like Java; NaN, which Java maps to 0, came out as MIN_VALUE on
     * an H100, so NaN is selected to 0 explicitly.
     */
    void convert(Instr.Convert c) {
        Type from = c.src().type(), to = c.dst().type();
        String d = reg(c.dst()), s = val(c.src());
        if (from == to) {
            w.op("mov." + PtxTypes.reg(to) + " " + d + ", " + s);
        } else if (from == Type.BOOL) {
            String one = to == Type.FLOAT ? "0f3F800000" : to == Type.DOUBLE ? "0d3FF0000000000000" : "1";
            String zero = to == Type.FLOAT ? "0f00000000" : to == Type.DOUBLE ? "0d0000000000000000" : "0";
            w.op("selp." + PtxTypes.reg(to) + " " + d + ", " + one + ", " + zero + ", " + w.pred(c.src()));
        } else if (to == Type.BOOL) {
            w.op("setp.ne." + PtxTypes.reg(from) + " " + d + ", " + s + ", 0");
        } else if (!from.isFloating() && !to.isFloating()) {
            w.op(to == Type.LONG ? "cvt.s64.s32 " + d + ", " + s : "cvt.u32.u64 " + d + ", " + s);
        } else if (!from.isFloating()) {
            w.op("cvt.rn." + PtxTypes.reg(to) + "." + PtxTypes.reg(from) + " " + d + ", " + s);
        } else if (!to.isFloating()) {
            String t = w.temp(to), nan = w.temp("pred"), rt = PtxTypes.reg(to);
            w.op("cvt.rzi." + rt + "." + PtxTypes.reg(from) + " " + t + ", " + s);
            w.op("setp.nan." + PtxTypes.reg(from) + " " + nan + ", " + s + ", " + s);
            w.op("selp." + rt + " " + d + ", 0, " + t + ", " + nan);
        } else {
            w.op(to == Type.DOUBLE ? "cvt.f64.f32 " + d + ", " + s : "cvt.rn.f32.f64 " + d + ", " + s);
        }
    }

    void bitcast(Instr.Bitcast b) {
        w.op("mov." + PtxTypes.bits(b.dst().type()) + " " + reg(b.dst()) + ", " + val(b.src()));
    }
}
