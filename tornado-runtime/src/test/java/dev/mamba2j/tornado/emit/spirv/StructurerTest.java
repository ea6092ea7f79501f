package dev.mamba2j.tornado.emit.spirv;

import dev.mamba2j.tornado.api.KernelCompilationException;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.CmpOp;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Structured control flow from IR graphs built by hand: the shapes the kernels' validation does not pin down. */
class StructurerTest {
    private static final Var C = new Var(0, Type.BOOL, "c");

    private static Block block(int id, Terminator t) {
        List<Instr> instrs = new ArrayList<>();
        if (t instanceof Terminator.Branch) instrs.add(new Instr.Compare(C, CmpOp.EQ, Const.of(1), Const.of(1)));
        return new Block(id, instrs, t);
    }

    private static Function function(Block... blocks) { return new Function("k", List.of(), new ArrayList<>(List.of(blocks))); }

    @Test
    void refusesALoopEnteredBesideItsHeader() {
        // L0 branches into both L1 and L2, which jump to each other: a cycle with two entries
        Function f = function(block(0, new Terminator.Branch(C, 1, 2)), block(1, new Terminator.Jump(2)),
                block(2, new Terminator.Branch(C, 1, 3)), block(3, new Terminator.Return()));
        KernelCompilationException e = assertThrows(KernelCompilationException.class, () -> Structurer.run(f));
        assertTrue(e.getMessage().startsWith("k: control flow that is not structured"), e.getMessage());
    }

    @Test
    void givesADiamondItsJoinAsMerge() {
        Function f = function(block(0, new Terminator.Branch(C, 1, 2)), block(1, new Terminator.Jump(3)),
                block(2, new Terminator.Jump(3)), block(3, new Terminator.Return()));
        Structurer.Structured s = Structurer.run(f);
        assertEquals(new Structurer.Merge(3, -1), s.merges().get(0));
        assertTrue(s.unreachable().isEmpty());
    }

    @Test
    void givesALoopOneContinueTargetAndOneMerge() {
        // L1: while (c) { L2: if (c) break; L3 } L4 (two exits to the same block)
        Function f = function(block(0, new Terminator.Jump(1)), block(1, new Terminator.Branch(C, 2, 4)),
                block(2, new Terminator.Branch(C, 4, 3)), block(3, new Terminator.Jump(1)), block(4, new Terminator.Return()));
        Structurer.Structured s = Structurer.run(f);
        Structurer.Merge loop = s.merges().get(1);
        assertTrue(loop.isLoop());
        assertEquals(3, loop.continueTarget()); // the block that jumps back
        assertFalse(s.merges().containsKey(2), "a conditional break needs no construct of its own");
    }
}
