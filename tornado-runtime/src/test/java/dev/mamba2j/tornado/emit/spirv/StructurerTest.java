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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private static Block longTail() { return longTail(4); }

    private static Block longTail(int id) {
        Block tail = block(id, new Terminator.Return());
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

    /** A block holding a barrier, then returning. */
    private static Block barrierTail(int id) {
        return new Block(id, new ArrayList<>(List.of(new Instr.Barrier())), new Terminator.Return());
    }

    private static long barriers(Structurer.Structured s) {
        return s.order().stream().filter(b -> b.instrs().stream().anyMatch(i -> i instanceof Instr.Barrier)).count();
    }

    @Test
    void leavesABarrierAfterALoopOutsideItsConstruct() {
        // L1: while (c) L2; L3: barrier; return (kernel k50 of the JIT fuzzer, seed 7: a trip count per work-item)
        Function f = function(block(0, new Terminator.Jump(1)), block(1, new Terminator.Branch(C, 2, 3)),
                block(2, new Terminator.Jump(1)), barrierTail(3));
        Structurer.Structured s = Structurer.run(f);
        assertTrue(s.unreachable().isEmpty(), "the loop is left through its merge, not by a return inside it");
        int merge = s.merges().get(1).block();
        Block m = s.order().stream().filter(b -> b.id() == merge).findFirst().orElseThrow();
        assertEquals(new Terminator.Jump(3), m.term(), "the barrier comes after the loop's merge");
        assertEquals(1, barriers(s));
    }

    @Test
    void keepsOneBarrierAfterAnIf() {
        // L0: if (c) L1; L2: barrier; return. Copied per arm (a short tail), it was a barrier per arm
        Function f = function(block(0, new Terminator.Branch(C, 1, 2)), block(1, new Terminator.Jump(2)), barrierTail(2));
        Structurer.Structured s = Structurer.run(f);
        assertEquals(1, barriers(s));
        assertEquals(new Structurer.Merge(2, -1), s.merges().get(0));
    }

    /**
     * The tests javac leaves for {@code r = (!(b != c && (a == 5 || d <= c)) && (b < c && (b >= 3 && c != 4 && d != a))
     * && a != 9 || c <= 2 || a > 32 && (b > 1 && c < 10) || d <= 40 && a >= -17) ? 64 : -3} (the conformance
     * kernel shortCircuitChains, a shape of kernel k17 of the JIT fuzzer, seed 7): each row is a test block,
     * its target if true and if false; L8 and L13 set the value and meet in L15. The short-circuit branches
     * into L6, L8 and L10 come from tests that no fusing of pairs nests (spirv-val refused the module).
     */
    private static Function crossingChains() {
        int[][] tests = {{70, 4, 5}, {5, 6, 7}, {7, 6, 4}, {4, 6, 59}, {59, 6, 60}, {60, 6, 61}, {61, 6, 62}, {62, 8, 6},
                {6, 8, 9}, {9, 10, 11}, {11, 10, 12}, {12, 8, 10}, {10, 13, 14}, {14, 13, 8}};
        List<Block> blocks = new ArrayList<>();
        for (int[] t : tests) blocks.add(new Block(t[0], new ArrayList<>(), new Terminator.Branch(cond(t[0]), t[1], t[2])));
        blocks.add(new Block(8, new ArrayList<>(List.of(new Instr.Move(VALUE, Const.of(64)))), new Terminator.Jump(15)));
        blocks.add(new Block(13, new ArrayList<>(List.of(new Instr.Move(VALUE, Const.of(-3)))), new Terminator.Jump(15)));
        blocks.add(longTail(15)); // as the loop that follows in the kernel: too long to be copied per arm
        return new Function("k", List.of(), blocks);
    }

    private static final Var VALUE = new Var(100, Type.INT, "value");

    private static Var cond(int block) { return new Var(200 + block, Type.BOOL, "c" + block); }

    /** Runs blocks (moves, selects and equality tests only) from the first to a return; the value left. */
    private static int interpret(List<Block> blocks, Map<Var, Integer> env) {
        Map<Integer, Block> byId = new HashMap<>();
        for (Block b : blocks) byId.put(b.id(), b);
        Block b = blocks.getFirst();
        for (int steps = 0; steps < 1000; steps++) {
            for (Instr i : b.instrs()) {
                switch (i) {
                    case Instr.Move m -> env.put(m.dst(), value(m.src(), env));
                    case Instr.Select m -> env.put(m.dst(), value(value(m.cond(), env) != 0 ? m.ifTrue() : m.ifFalse(), env));
                    case Instr.Compare c when c.op() == CmpOp.EQ -> env.put(c.dst(), value(c.a(), env) == value(c.b(), env) ? 1 : 0);
                    default -> throw new AssertionError("unexpected " + i);
                }
            }
            switch (b.term()) {
                case Terminator.Return r -> { return env.getOrDefault(VALUE, 0); }
                case Terminator.Jump j -> b = byId.get(j.target());
                case Terminator.Branch br -> b = byId.get(value(br.cond(), env) != 0 ? br.ifTrue() : br.ifFalse());
                default -> throw new AssertionError("unexpected " + b.term());
            }
        }
        throw new AssertionError("no return after 1000 blocks");
    }

    private static int value(dev.mamba2j.tornado.ir.Operand o, Map<Var, Integer> env) {
        return o instanceof Const c ? (c.type() == Type.BOOL ? (c.asBool() ? 1 : 0) : c.asInt()) : env.getOrDefault((Var) o, 0);
    }

    @Test
    void nestsShortCircuitChainsThatCross() {
        Structurer.Structured s = Structurer.run(crossingChains());
        assertEquals(List.of(), StructuredCheck.violations(s));
        int[] tests = {70, 5, 7, 4, 59, 60, 61, 62, 6, 9, 11, 12, 10, 14};
        for (int bits = 0; bits < 1 << tests.length; bits++) { // every outcome of the tests: the value the graph given leaves
            Map<Var, Integer> env = new HashMap<>(), again = new HashMap<>();
            for (int k = 0; k < tests.length; k++) {
                env.put(cond(tests[k]), bits >> k & 1);
                again.put(cond(tests[k]), bits >> k & 1);
            }
            assertEquals(interpret(crossingChains().blocks(), env), interpret(s.order(), again), "tests " + Integer.toBinaryString(bits));
        }
    }
}
