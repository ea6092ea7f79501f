package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.BinOp;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.ElemType;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Param;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The passes only the math library's functions get: SplitLocals, CopyPropagation, DeadStores. */
class LibraryPassesTest {
    final ArrayRef out = new ArrayRef(0, Space.GLOBAL, ElemType.FLOAT, "out_g0", 0);
    final Var x = new Var(0, Type.FLOAT, "x_0");
    int ids = 1;

    Var v() { return new Var(ids++, Type.FLOAT, "v_" + ids); }

    Function f(Instr... is) {
        return new Function("k", List.of(new Param(0, Param.Kind.ARRAY, null, out, FloatArray.class),
                new Param(1, Param.Kind.SCALAR, x, null, float.class)),
                new ArrayList<>(List.of(new Block(0, new ArrayList<>(List.of(is)), new Terminator.Return()))));
    }

    @Test
    void splitsAVariableWrittenTwiceInItsBlock() {
        Var s = v(), t = v();
        Function f = f(new Instr.Binary(s, BinOp.MUL, x, x), new Instr.Binary(t, BinOp.ADD, s, x),
                new Instr.Binary(s, BinOp.ADD, t, s), new Instr.Store(out, Const.of(0), s));
        assertTrue(SplitLocals.apply(f));
        List<Instr> is = f.entry().instrs();
        Var first = is.get(0).dst(), second = is.get(2).dst();
        assertNotEquals(first, second);
        assertEquals(new Instr.Binary(second, BinOp.ADD, t, first), is.get(2), "the second write reads the first");
        assertEquals(new Instr.Store(out, Const.of(0), second), is.get(3));
    }

    @Test
    void leavesAVariableReadBeforeItIsWritten() {
        Var s = v();
        Function f = f(new Instr.Binary(s, BinOp.ADD, s, x), new Instr.Binary(s, BinOp.ADD, s, x), new Instr.Store(out, Const.of(0), s));
        assertFalse(SplitLocals.apply(f));
    }

    @Test
    void propagatesACopyUntilItsSourceChanges() {
        Var y = v(), c = v(), d = v(), e = v();
        Function f = f(new Instr.Binary(y, BinOp.MUL, x, x), new Instr.Move(c, y), new Instr.Binary(d, BinOp.ADD, c, x),
                new Instr.Store(out, Const.of(0), d));
        assertTrue(CopyPropagation.apply(f));
        assertEquals(new Instr.Binary(d, BinOp.ADD, y, x), f.entry().instrs().get(2));
        Function g = f(new Instr.Binary(y, BinOp.MUL, x, x), new Instr.Move(c, y), new Instr.Binary(y, BinOp.ADD, y, x),
                new Instr.Binary(e, BinOp.ADD, c, x), new Instr.Store(out, Const.of(0), e));
        assertFalse(CopyPropagation.apply(g), "y changes between the copy and the read");
    }

    @Test
    void dropsAZeroingStoreThatIsOverwritten() {
        ArrayRef t = new ArrayRef(1, Space.PRIVATE, ElemType.FLOAT, "t_p1", -1);
        Var r = v();
        Function f = f(new Instr.Alloc(t, Const.of(2)), new Instr.Store(t, Const.of(0), Const.of(0f)), new Instr.Store(t, Const.of(1), Const.of(0f)),
                new Instr.Store(t, Const.of(1), x), new Instr.Load(r, t, Const.of(1)),
                new Instr.Store(t, Const.of(1), Const.of(2f)), new Instr.Store(out, Const.of(0), r));
        assertTrue(DeadStores.apply(f));
        assertEquals(List.of(new Instr.Alloc(t, Const.of(2)), new Instr.Store(t, Const.of(0), Const.of(0f)), new Instr.Store(t, Const.of(1), x),
                new Instr.Load(r, t, Const.of(1)), new Instr.Store(t, Const.of(1), Const.of(2f)), new Instr.Store(out, Const.of(0), r)),
                f.entry().instrs(), "the store before the load stays, and so does the last one");
    }
}
