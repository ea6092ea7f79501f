package dev.mamba2j.tornado.emit.ptx;

import dev.mamba2j.tornado.api.KernelCompilationException;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.MathTarget;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Type;

import java.util.EnumSet;
import java.util.List;

import static dev.mamba2j.tornado.emit.ptx.PtxWriter.reg;
import static dev.mamba2j.tornado.emit.ptx.PtxWriter.val;

/**
 * The math functions PTX has, one instruction each: bit-exact with Java (checked on an H100) sqrt
 * ({@code sqrt.rn}), fma, abs, floor, ceil, rint and copysign; min and max are minNum/maxNum, as the
 * lowered IR defines them; the float approximations are {@code ex2.approx}/{@code lg2.approx} (no
 * {@code .ftz}). Everything else (exp, log, tanh, sin, cos, pow, floating %) is the device math
 * library's Java, which the JIT inlines before printing.
 */
final class PtxMath {
    private static final EnumSet<MathFn> EXACT = EnumSet.of(MathFn.SQRT, MathFn.FMA, MathFn.ABS, MathFn.FLOOR, MathFn.CEIL,
            MathFn.MIN, MathFn.MAX, MathFn.RINT, MathFn.COPYSIGN);
    static final MathTarget TARGET = new MathTarget("PTX", union(EXACT, EnumSet.of(MathFn.EXP2_APPROX, MathFn.LOG2_APPROX)), EXACT, false);

    private final PtxWriter w;

    PtxMath(PtxWriter w) { this.w = w; }

    private static EnumSet<MathFn> union(EnumSet<MathFn> a, EnumSet<MathFn> b) {
        EnumSet<MathFn> u = EnumSet.copyOf(a);
        u.addAll(b);
        return u;
    }

    void call(Instr.Call c) {
        Type t = c.dst().type();
        String d = reg(c.dst()), rt = PtxTypes.reg(t);
        List<Operand> args = c.args();
        String a = val(args.getFirst());
        switch (c.fn()) {
            case SQRT -> w.op("sqrt.rn." + rt + " " + d + ", " + a);
            case FMA -> w.op("fma.rn." + rt + " " + d + ", " + a + ", " + val(args.get(1)) + ", " + val(args.get(2)));
            case ABS -> w.op("abs." + rt + " " + d + ", " + a);
            case FLOOR -> w.op("cvt.rmi." + rt + "." + rt + " " + d + ", " + a);
            case CEIL -> w.op("cvt.rpi." + rt + "." + rt + " " + d + ", " + a);
            case RINT -> w.op("cvt.rni." + rt + "." + rt + " " + d + ", " + a);
            case MIN, MAX -> w.op(c.fn().name().toLowerCase() + "." + rt + " " + d + ", " + a + ", " + val(args.get(1)));
            case COPYSIGN -> w.op("copysign." + rt + " " + d + ", " + val(args.get(1)) + ", " + a);   // PTX: the sign first
            case EXP2_APPROX -> w.op("ex2.approx.f32 " + d + ", " + a);
            case LOG2_APPROX -> w.op("lg2.approx.f32 " + d + ", " + a);
            default -> throw new KernelCompilationException("PTX has no " + c.fn() + ": the lowering should have inlined the library's (" + c + ")");
        }
    }
}
