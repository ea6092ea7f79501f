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

    /** L0: if (c) L1 else L2: { if (c) L3: return; [L5] } then both reach L4, a return the early one bypasses. */
    private static Function earlyReturn(Block tail, boolean viaL5) {
        List<Block> blocks = new ArrayList<>(List.of(block(0, new Terminator.Branch(C, 1, 2)), block(1, new Terminator.Jump(4)),
                block(2, new Terminator.Branch(C, 3, viaL5 ? 5 : 4)), block(3, new Terminator.Return()), tail));
        if (viaL5) blocks.add(block(5, new Terminator.Jump(4)));
        return new Function("k", List.of(), blocks);
    }

    private static Block longTail() {
        Block tail = block(4, new Terminator.Return());
        for (int k = 0; k <= Structurer.MAX_COPY; k++) tail.instrs().add(new Instr.Compare(C, CmpOp.EQ, Const.of(k), Const.of(1)));
        return tail;
    }

    @Test
    void copiesAShortTailThatAnEarlyReturnBypasses() {
        Structurer.Structured s = Structurer.run(earlyReturn(block(4, new Terminator.Return()), true));
        long returns = s.order().stream().filter(b -> !s.unreachable().contains(b.id()) && b.term() instanceof Terminator.Return).count();
        assertEquals(3, returns, "each arm ends in its own return, besides the early one");
    }

    @Test
    void mergesALongTailWhereTheArmsMeetPastAnEarlyReturn() {
        Structurer.Structured s = Structurer.run(earlyReturn(longTail(), true));
        assertEquals(new Structurer.Merge(4, -1), s.merges().get(0), "the tail both arms reach, the early return not counting");
        assertEquals(new Structurer.Merge(5, -1), s.merges().get(2));
    }

    @Test
    void givesAnArmThatJumpsToAnEnclosingMergeABlockOfItsOwn() {
        Structurer.Structured s = Structurer.run(earlyReturn(longTail(), false));
        assertEquals(new Structurer.Merge(4, -1), s.merges().get(0));
        int inner = s.merges().get(2).block();
        Block merge = s.order().stream().filter(b -> b.id() == inner).findFirst().orElseThrow();
        assertEquals(new Terminator.Jump(4), merge.term(), "L2's merge is a new block in front of L0's");
    }
}
