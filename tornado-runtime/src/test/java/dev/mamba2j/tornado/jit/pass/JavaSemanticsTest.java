package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.api.arrays.IntArray;
import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.BinOp;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.CmpOp;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.ElemType;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.MathTarget;
import dev.mamba2j.tornado.ir.Param;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lowering of Java's rules on hand-built IR: what is guarded, what is left alone, what folds after. */
class JavaSemanticsTest {
    static final MathTarget TARGET = MathTarget.allNative("test");
    final ArrayRef out = new ArrayRef(0, Space.GLOBAL, ElemType.INT, "out_g0", 0);
    final Var n = new Var(0, Type.INT, "n_0");
    int ids = 1;

    Var v(Type t) { return new Var(ids++, t, "v_" + ids); }

    /** out[0] = the instructions' last result, lowered. */
    Function lowered(Instr... is) {
        List<Instr> all = new ArrayList<>(List.of(is));
        all.add(new Instr.Store(out, Const.of(0), is[is.length - 1].dst()));
        Function f = new Function("k", List.of(new Param(0, Param.Kind.ARRAY, null, out, IntArray.class),
                new Param(1, Param.Kind.SCALAR, n, null, int.class)), new ArrayList<>(List.of(new Block(0, all, new Terminator.Return()))));
        return Optimizer.lower(f, TARGET, null); // every function is native: nothing to inline
    }

    static long count(Function f, Class<?> kind) {
        return f.entry().instrs().stream().filter(kind::isInstance).count();
    }

    @Test
    void constantDivisorsNeedNoGuard() {
        Var q = v(Type.INT);
        Function f = lowered(new Instr.Binary(q, BinOp.DIV, n, Const.of(7)));
        assertEquals(List.of(new Instr.Binary(q, BinOp.DIV, n, Const.of(7)), new Instr.Store(out, Const.of(0), q)), f.entry().instrs());
        assertEquals(TARGET, f.loweredFor());
        Var m = v(Type.INT);
        assertEquals(new Instr.Neg(m, n), lowered(new Instr.Binary(m, BinOp.DIV, n, Const.of(-1))).entry().instrs().getFirst());
        Var z = v(Type.INT);
        assertEquals(new Instr.Store(out, Const.of(0), Const.of(0)), lowered(new Instr.Binary(z, BinOp.REM, n, Const.of(0))).entry().instrs().getFirst());
    }

    @Test
    void variableDivisorsAreGuardedAndTheDivisionSeesNeither0NorMinusOne() {
        Var x = v(Type.INT), q = v(Type.INT);
        Function f = lowered(new Instr.Move(x, Const.of(12)), new Instr.Binary(q, BinOp.DIV, x, n));
        Instr.Binary div = (Instr.Binary) f.entry().instrs().stream().filter(i -> i instanceof Instr.Binary b && b.op() == BinOp.DIV)
                .findFirst().orElseThrow();
        Instr.Select safe = (Instr.Select) f.entry().instrs().stream().filter(i -> div.b().equals(i.dst())).findFirst().orElseThrow();
        assertEquals(Const.of(1), safe.ifTrue(), f.toString());
        assertEquals(3, count(f, Instr.Select.class), f.toString()); // the safe divisor, x / -1, x / 0
    }

    @Test
    void shiftCountsAreMasked() {
        Var a = v(Type.LONG), s = v(Type.LONG), t = v(Type.INT);
        Function f = lowered(new Instr.Convert(a, n), new Instr.Binary(s, BinOp.SHL, a, Const.of(65)));
        assertTrue(f.entry().instrs().contains(new Instr.Binary(s, BinOp.SHL, a, Const.of(1))), f.toString());
        Function g = lowered(new Instr.Binary(t, BinOp.USHR, n, n));
        assertTrue(g.entry().instrs().stream().anyMatch(i -> i instanceof Instr.Binary b && b.op() == BinOp.AND && b.b().equals(Const.of(31))),
                g.toString());
    }

    @Test
    void integerAbsIsBitArithmeticWithoutACompareAndNoCallRemains() {
        Var a = v(Type.INT);
        Function f = lowered(new Instr.Call(a, MathFn.ABS, List.of(n)));
        assertEquals(0, count(f, Instr.Call.class), f.toString());
        assertEquals(0, count(f, Instr.Select.class) + count(f, Instr.Compare.class) + count(f, Instr.Neg.class), f.toString());
        assertTrue(f.entry().instrs().stream().anyMatch(i -> i instanceof Instr.Binary b && b.op() == BinOp.SHR && b.b().equals(Const.of(31))),
                f.toString());
        assertTrue(f.entry().instrs().stream().anyMatch(i -> i instanceof Instr.Binary b && b.dst().equals(a) && b.op() == BinOp.SUB && b.a().equals(n)),
                f.toString());
    }

    @Test
    void floatToIntSelectsZeroForNaN() {
        Var x = v(Type.FLOAT), i = v(Type.INT);
        Function f = lowered(new Instr.Convert(x, n), new Instr.Convert(i, x));
        assertTrue(f.entry().instrs().stream().anyMatch(k -> k instanceof Instr.Compare c && c.op() == CmpOp.NE && c.a().equals(x)
                && c.b().equals(x)), f.toString());
    }

    @Test
    void afterLoweringOnlyAgreeingConstantsFold() {
        Var d = v(Type.INT), s = v(Type.INT), c = v(Type.INT), m = v(Type.FLOAT), e = v(Type.FLOAT);
        assertNull(Eval.fold(new Instr.Binary(d, BinOp.DIV, Const.of(5), Const.of(0)), true));
        assertEquals(Const.of(0), Eval.fold(new Instr.Binary(d, BinOp.DIV, Const.of(5), Const.of(0)), false));
        assertEquals(Const.of(2), Eval.fold(new Instr.Binary(d, BinOp.DIV, Const.of(5), Const.of(2)), true));
        assertNull(Eval.fold(new Instr.Binary(s, BinOp.SHL, Const.of(1), Const.of(33)), true));
        assertNull(Eval.fold(new Instr.Convert(c, Const.of(Float.NaN)), true));
        assertEquals(Const.of(3), Eval.fold(new Instr.Convert(c, Const.of(3.7f)), true));
        assertNull(Eval.fold(new Instr.Call(m, MathFn.MIN, List.of(Const.of(0f), Const.of(-0f))), true));
        assertNull(Eval.fold(new Instr.Call(m, MathFn.MAX, List.of(Const.of(Float.NaN), Const.of(1f))), true));
        assertEquals(Const.of(-0f), Eval.fold(new Instr.Call(m, MathFn.MIN, List.of(Const.of(0f), Const.of(-0f))), false));
        assertEquals(Const.of(1f), Eval.fold(new Instr.Call(e, MathFn.MAX, List.of(Const.of(-2f), Const.of(1f))), true));
    }
}
