package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.BinOp;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.CmpOp;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.ElemType;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.Param;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The passes on hand-built IR. */
class PassesTest {
    final ArrayRef out = new ArrayRef(0, Space.GLOBAL, ElemType.FLOAT, "out_g0", 0);
    final Var n = new Var(0, Type.INT, "n_0");
    final List<Param> params = List.of(new Param(0, Param.Kind.ARRAY, null, out, FloatArray.class),
            new Param(1, Param.Kind.SCALAR, n, null, int.class));
    int ids = 1;

    Var v(Type t) { return new Var(ids++, t, "v_" + ids); }

    static Block block(int id, Terminator t, Instr... is) { return new Block(id, new ArrayList<>(List.of(is)), t); }

    @Test
    void foldsJavaArithmeticAndConstantBranches() {
        Var x = v(Type.INT), y = v(Type.INT), c = v(Type.BOOL), z = v(Type.INT);
        Function f = new Function("k", params, new ArrayList<>(List.of(
                block(0, new Terminator.Branch(c, 1, 2),
                        new Instr.Move(x, Const.of(Integer.MAX_VALUE)),
                        new Instr.Binary(y, BinOp.ADD, x, Const.of(1)),           // wraps
                        new Instr.Binary(z, BinOp.DIV, y, Const.of(0)),           // device semantics: 0
                        new Instr.Compare(c, CmpOp.LT, y, Const.of(0))),
                block(1, new Terminator.Return(), new Instr.Store(out, z, Const.of(1f))),
                block(2, new Terminator.Return(), new Instr.Store(out, Const.of(1), Const.of(2f))))));
        Function g = Optimizer.run(f, Map.of());
        assertEquals(1, g.blocks().size(), g.toString());
        assertEquals(List.of(new Instr.Store(out, Const.of(0), Const.of(1f))), g.entry().instrs());
    }

    @Test
    void specialisationRemovesTheParameterAndFoldsAllocationSizes() {
        ArrayRef tmp = new ArrayRef(1, Space.PRIVATE, ElemType.FLOAT, "tmp_p1", -1);
        Var size = v(Type.INT), len = v(Type.INT), f2 = v(Type.FLOAT);
        Function f = new Function("k", params, new ArrayList<>(List.of(block(0, new Terminator.Return(),
                new Instr.Binary(size, BinOp.MUL, n, Const.of(2)),
                new Instr.Alloc(tmp, size),
                new Instr.Length(len, tmp),
                new Instr.Convert(f2, len),
                new Instr.Store(out, Const.of(0), f2)))));
        Function g = Optimizer.run(f, Map.of(1, 8));
        assertEquals(1, g.params().size());
        assertEquals(Map.of(tmp, Const.of(16)), g.allocations());
        assertTrue(g.entry().instrs().contains(new Instr.Store(out, Const.of(0), Const.of(16f))), g.toString());
        assertEquals(2, f.params().size(), "the cached input is not changed");
    }

    @Test
    void narrowsWidenedFloatMathAndRemovesDeadDoubles() {
        Var x = v(Type.FLOAT), d = v(Type.DOUBLE), e = v(Type.DOUBLE), r = v(Type.FLOAT);
        Function f = new Function("k", params, new ArrayList<>(List.of(block(0, new Terminator.Return(),
                new Instr.Load(x, out, Const.of(0)),
                new Instr.Convert(d, x),
                new Instr.Call(e, MathFn.EXP, List.of(d)),
                new Instr.Convert(r, e),
                new Instr.Store(out, Const.of(1), r)))));
        Function g = Optimizer.run(f, Map.of());
        assertTrue(g.locals().stream().noneMatch(w -> w.type() == Type.DOUBLE), g.toString());
        assertTrue(g.entry().instrs().stream().anyMatch(i -> i instanceof Instr.Call c && c.args().equals(List.of(x))), g.toString());
    }

    @Test
    void threadsEmptyBlocksAndMergesChains() {
        Var x = v(Type.INT);
        Function f = new Function("k", params, new ArrayList<>(List.of(
                block(0, new Terminator.Jump(1)),
                block(1, new Terminator.Jump(2), new Instr.Load(v(Type.FLOAT), out, n)),
                block(2, new Terminator.Jump(3)),
                block(3, new Terminator.Jump(1), new Instr.Binary(x, BinOp.ADD, x, Const.of(1)),
                        new Instr.Store(out, x, Const.of(0f))))));
        Function g = Optimizer.run(f, Map.of());
        assertEquals(2, g.blocks().size(), g.toString()); // entry, then one self-looping block
        Block loop = g.blocks().get(1);
        assertEquals(new Terminator.Jump(loop.id()), loop.term());
        assertEquals(2, loop.instrs().size(), "the unused load is gone");
    }
}
