package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;

/**
 * Rewrites {@code (float) Math.f((double) x, ...)} with float x into the float version of f, so a
 * device runs expf instead of a double exp (slow or absent on GPUs). The widened double
 * instructions become dead unless used elsewhere.
 *
 * <p>Cost: Java's double-then-round result is within about 0.5 ulp (float) of the true value. The
 * float functions are exact for sqrt only with correctly rounded sqrt (OpenCL: the build option
 * -cl-fp32-correctly-rounded-divide-sqrt; otherwise 3 ulp), and for floor, ceil, abs, min, max; fma
 * can differ in the last bit (double rounding in Java). The OpenCL 1.2 full-profile bounds for the
 * rest are exp 3, log 3, sin/cos 4, tanh 5, pow 16 ulp; CUDA's expf/logf/sinf/cosf/tanhf are 1 to
 * 2 ulp and powf 4 ulp. Code that really computes in double (double locals, double arrays) is not
 * touched.
 */
public final class FloatMath {
    private static final Set<MathFn> EXACT = EnumSet.of(MathFn.FLOOR, MathFn.CEIL, MathFn.ABS, MathFn.MIN, MathFn.MAX);

    private FloatMath() {}

    public static boolean apply(Function f) {
        boolean changed = false;
        Uses u = new Uses(f);
        int nextId = f.nextVarId();
        for (Block b : f.blocks()) {
            List<Instr> is = b.instrs();
            for (int j = 0; j < is.size(); j++) {
                if (!(is.get(j) instanceof Instr.Convert(Var r, Var d)) || d.type() != Type.DOUBLE || r.type() == Type.DOUBLE) continue;
                int k = indexOf(is, u.singleDef(d), j);
                if (k < 0 || !(is.get(k) instanceof Instr.Call call)) continue;
                // (int) Math.floor((double) x) and the like: exact in float, as the result is a float value
                boolean toInt = r.type() != Type.FLOAT;
                if (toInt && !EXACT.contains(call.fn())) continue;
                List<Operand> args = new ArrayList<>();
                for (Operand a : call.args()) {
                    Operand narrow = narrow(is, u, a, k, j);
                    if (narrow == null) break;
                    args.add(narrow);
                }
                if (args.size() != call.args().size()) continue;
                Var out = r;
                if (toInt) out = new Var(nextId, Type.FLOAT, call.fn().name().toLowerCase() + "_" + nextId++);
                is.set(j, new Instr.Call(out, call.fn(), List.copyOf(args)));
                if (toInt) is.add(++j, new Instr.Convert(r, out));
                changed = true;
            }
        }
        return changed;
    }

    /** The float value a double argument was widened from, if that is still its value at index 'use'. */
    private static Operand narrow(List<Instr> is, Uses u, Operand a, int callAt, int use) {
        if (a instanceof Const c) {
            double v = c.value().doubleValue();
            return (double) (float) v == v || Double.isNaN(v) ? Const.of((float) v) : null;
        }
        Var v = (Var) a;
        int k = indexOf(is, u.singleDef(v), callAt);
        if (k < 0 || !(is.get(k) instanceof Instr.Convert(Var dv, Operand src)) || src.type() != Type.FLOAT) return null;
        if (src instanceof Var sv) for (int m = k + 1; m < use; m++) if (sv.equals(is.get(m).dst())) return null;
        return src;
    }

    /** Position of i among is[0, before), or -1. */
    private static int indexOf(List<Instr> is, Instr i, int before) {
        if (i == null) return -1;
        for (int k = before - 1; k >= 0; k--) if (is.get(k) == i) return k;
        return -1;
    }
}
