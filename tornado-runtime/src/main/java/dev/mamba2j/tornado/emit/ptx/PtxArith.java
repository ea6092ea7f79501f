package dev.mamba2j.tornado.emit.ptx;

import dev.mamba2j.tornado.api.KernelCompilationException;
import dev.mamba2j.tornado.ir.CmpOp;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Type;

import static dev.mamba2j.tornado.emit.ptx.PtxWriter.reg;
import static dev.mamba2j.tornado.emit.ptx.PtxWriter.val;

/**
 * Arithmetic, comparisons and conversions as the lowered IR defines them, one PTX instruction each.
 * Floating add/sub/mul carry an explicit {@code .rn}, which also keeps ptxas from contracting them into
 * fma (Java rounds each operation); no {@code .ftz}, so subnormals survive as in Java.
 */
final class PtxArith {
    private final PtxWriter w;

    PtxArith(PtxWriter w) { this.w = w; }

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
            String op = switch (b.op()) {
                case ADD -> "add.rn";
                case SUB -> "sub.rn";
                case MUL -> "mul.rn";
                case DIV -> "div.rn";
                default -> throw new KernelCompilationException("PTX has no floating " + b.op()
                        + ": the lowering should have inlined the library's (" + b + ")");
            };
            w.op(op + "." + rt + " " + d + ", " + x + ", " + y);
            return;
        }
        String op = switch (b.op()) {
            case ADD -> "add." + rt;
            case SUB -> "sub." + rt;
            case MUL -> "mul.lo." + rt;
            case DIV -> "div." + rt;                         // the lowering keeps divisors 0 and -1 away
            case REM -> "rem." + rt;
            case AND -> "and." + PtxTypes.bits(t);
            case OR -> "or." + PtxTypes.bits(t);
            case XOR -> "xor." + PtxTypes.bits(t);
            case SHL -> "shl." + PtxTypes.bits(t);           // counts are within the width after lowering
            case SHR -> "shr." + rt;
            case USHR -> "shr." + PtxTypes.unsigned(t);
        };
        w.op(op + " " + d + ", " + x + ", " + y);
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
            case UNORDERED -> "nan";
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
     * Conversions as the lowered IR defines them. Floating to integer is {@code cvt.rzi}, which
     * truncates and saturates (NaN came out as MIN_VALUE on an H100: the lowering selects 0 there).
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
            w.op("cvt.rzi." + PtxTypes.reg(to) + "." + PtxTypes.reg(from) + " " + d + ", " + s);
        } else {
            w.op(to == Type.DOUBLE ? "cvt.f64.f32 " + d + ", " + s : "cvt.rn.f32.f64 " + d + ", " + s);
        }
    }

    void bitcast(Instr.Bitcast b) {
        w.op("mov." + PtxTypes.bits(b.dst().type()) + " " + reg(b.dst()) + ", " + val(b.src()));
    }
}
