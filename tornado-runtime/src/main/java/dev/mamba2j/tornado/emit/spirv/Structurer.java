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

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recovers structured control flow from the IR's reducible graph, as Vulkan's SPIR-V requires: every
 * loop gets one continue block (all back edges go through it) and one merge block (all exits go
 * through it, a selector variable telling several targets apart), and every conditional branch that
 * is not a break or continue gets the merge block where its arms meet again, blocks being inserted
 * so that no two constructs share a merge. Variables are not SSA, so new blocks may assign them and
 * return blocks may be duplicated, except where they hold a barrier ({@link #barrierTails}). An
 * irreducible graph is refused.
 */
final class Structurer {
    /** A header's merge block and, for a loop, its continue target (else -1). */
    record Merge(int block, int continueTarget) {
        boolean isLoop() { return continueTarget >= 0; }
    }

    /** The result: blocks in an order where dominators come first, headers' merges, and the merge blocks never reached. */
    record Structured(List<Block> order, Map<Integer, Merge> merges, Set<Integer> unreachable) {}

    private final String kernel;
    private final Map<Integer, Block> blocks = new LinkedHashMap<>();
    private final int entry;
    private int nextBlock, nextVar;
    private final Map<Integer, Merge> loops = new LinkedHashMap<>();
    private final Map<Integer, Merge> selections = new HashMap<>();
    private final Set<Integer> unreachable = new HashSet<>();
    /** The way this structuring goes ({@link #PASSES}). */
    private final Pass pass;

    private Structurer(Function f, Pass pass) {
        this.pass = pass;
        kernel = f.name();
        for (Block b : f.blocks()) {
            blocks.put(b.id(), new Block(b.id(), new ArrayList<>(b.instrs()), b.term()));
            nextBlock = Math.max(nextBlock, b.id() + 1);
        }
        entry = f.entry().id();
        nextVar = f.nextVarId();
    }

    /**
     * The structured graph. Fusing pairs of tests ({@link #fuseConditions}) nests the chains of && and ||
     * that javac leaves in most kernels, and keeps their modules small; long mixed chains can leave tests
     * whose short-circuit branches cross (no pair to fuse nests them). The result is therefore checked
     * against the structured rules ({@link StructuredCheck}), and where it breaks them the graph is
     * structured again with every chain of tests evaluated in sequence ({@link #sequenceChains}), then
     * with the ifs whose arms are apart left out of the chains, then copying longer ways to returns ({@link #PASSES}).
     */
    static Structured run(Function f) {
        List<String> first = null;
        for (Pass p : PASSES) {
            Structured s = run(f, p);
            List<String> broken = StructuredCheck.violations(s);
            if (broken.isEmpty()) return s;
            if (first == null) first = broken;
        }
        throw new KernelCompilationException(f.name() + ": control flow that could not be structured for Vulkan (" + first.getFirst() + ")");
    }

    /** The most instructions a block and the blocks after it may hold for {@link #splitReturns} to copy them. */
    static final int MAX_COPY = 48;
    /** The same for the last passes, where copying less left a return beside the constructs it ends. */
    static final int MAX_LONG_COPY = 512;

    /**
     * One way of structuring: chains of tests in sequence or not ({@link #sequenceChains}), ifs whose arms are
     * apart left out of the chains ({@link #armsApart}), and the most instructions a way to a return may hold to
     * be copied per arm ({@link #splitReturns}).
     */
    private record Pass(boolean sequenceChains, boolean separateIfs, int maxCopy) {}

    /**
     * Tried in order, the first that meets the rules kept: kernels that structured with an earlier pass keep
     * their modules. Copying longer tails comes last, as it grows the module.
     */
    private static final List<Pass> PASSES = List.of(new Pass(false, false, MAX_COPY), new Pass(true, false, MAX_COPY),
            new Pass(true, true, MAX_COPY), new Pass(false, false, MAX_LONG_COPY), new Pass(true, true, MAX_LONG_COPY));

    private static Structured run(Function f, Pass p) {
        Structurer s = new Structurer(f, p);
        s.lowerSwitches();
        s.splitReturns();
        if (p.sequenceChains) s.sequenceChains();
        s.fuseConditions();
        s.loops();
        s.threadJumps();
        s.selections();
        return s.result();
    }

    /** Blocks in reverse post-order (the entry first), then the unreachable merge blocks. */
    static List<Block> order(Map<Integer, Block> blocks, int entry, Set<Integer> unreachable) {
        Cfg cfg = new Cfg(blocks, entry);
        List<Block> out = new ArrayList<>();
        for (int b : cfg.rpo) out.add(blocks.get(b));
        for (int u : unreachable) out.add(blocks.get(u));
        return out;
    }

    private Structured result() {
        Map<Integer, Merge> merges = new HashMap<>(selections);
        merges.putAll(loops);
        return new Structured(order(blocks, entry, unreachable), merges, unreachable);
    }

    private Block newBlock(Terminator t) {
        Block b = new Block(nextBlock++, new ArrayList<>(), t);
        blocks.put(b.id(), b);
        return b;
    }

    /** An IR switch becomes a chain of equality tests (a SPIR-V switch cannot break out of an enclosing loop). */
    private void lowerSwitches() {
        for (Block b : List.copyOf(blocks.values())) {
            if (!(b.term() instanceof Terminator.Switch s)) continue;
            int next = s.otherwise();
            for (int k = s.keys().size() - 1; k >= 0; k--) {
                Var c = new Var(nextVar++, Type.BOOL, "case" + nextVar);
                Block test = newBlock(new Terminator.Branch(c, s.targets().get(k), next));
                test.instrs().add(new Instr.Compare(c, CmpOp.EQ, s.value(), Const.of(s.keys().get(k))));
                next = test.id();
            }
            b.setTerm(new Terminator.Jump(next));
        }
    }

    /**
     * A short way to a return that a conditional branch shares with other blocks is copied per
     * predecessor, so that each copy lies in one construct (the return of {@code if (a || b) return;}
     * would otherwise sit beside both). Reached by plain jumps alone (the arms of an if/else before a
     * return), it stays shared where it is the arms' meeting point, every other way from the branch
     * that parts them passing through it; where another way returns first ({@code if (a) x; else {
     * if (b) return; y; } tail}), no block post-dominates that branch and the tail is copied too, so
     * that each arm ends in its own return. A tail that reaches a barrier is never copied ({@link #barrierTails}).
     */
    private void splitReturns() {
        for (boolean changed = true; changed; ) {
            changed = false;
            Cfg cfg = new Cfg(blocks, entry);
            Set<Integer> dead = deadEnds(), barriers = barrierTails(dead);
            for (int b : cfg.rpo) {
                List<Integer> preds = cfg.preds.get(b);
                if (b == entry || !dead.contains(b) || barriers.contains(b) || preds.size() < 2 || tailSize(b, new HashSet<>()) > pass.maxCopy) continue;
                if (preds.stream().noneMatch(p -> blocks.get(p).term() instanceof Terminator.Branch) && meetsArms(cfg, b, preds)) continue;
                Block original = blocks.get(b);
                for (int k = 1; k < preds.size(); k++) {
                    Block copy = newBlock(original.term());
                    copy.instrs().addAll(original.instrs());
                    retarget(blocks.get(preds.get(k)), b, copy.id(), 1);
                }
                changed = true;
                break;
            }
        }
    }

    /**
     * Whether every path from the nearest common dominator of {@code preds} that ends in a return passes
     * through b (the dead end they share): b is then where the arms parted there meet again.
     */
    private boolean meetsArms(Cfg cfg, int b, List<Integer> preds) {
        int parting = entry;
        for (int d : cfg.rpo)
            if (preds.stream().allMatch(p -> cfg.dominates(d, p)) && cfg.index.get(d) > cfg.index.get(parting)) parting = d;
        Set<Integer> seen = new HashSet<>();
        java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>(List.of(parting));
        while (!work.isEmpty()) {
            int x = work.pop();
            if (x == b || !seen.add(x)) continue;
            if (blocks.get(x).term() instanceof Terminator.Return) return false;
            work.addAll(blocks.get(x).term().successors());
        }
        return true;
    }

    /** Instructions in b and every block after it (dead ends only: no cycles). */
    private int tailSize(int b, Set<Integer> seen) {
        if (!seen.add(b)) return 0;
        int n = blocks.get(b).instrs().size() + 1;
        for (int s : blocks.get(b).term().successors()) n += tailSize(s, seen);
        return n;
    }

    /**
     * {@code a && b} and {@code a || b} leave two branches with a common target S, the first (P)
     * dominating the second (X): S then sits beside X's construct. The pair becomes one branch on a
     * flag that each way of reaching S sets (P: a ? S : .. and X: b ? S : Y become P: a ? T : ..,
     * T: f = true, X: f = b, both going to J: f ? S : Y), repeated outermost first. Taken when X is
     * reached from P alone, or S from P and X alone.
     */
    private void fuseConditions() {
        for (boolean changed = true; changed; ) {
            changed = false;
            Cfg cfg = new Cfg(blocks, entry);
            List<Set<Integer>> cycles = naturalLoops(cfg);
            search:
            for (int x : cfg.rpo) {
                if (!(blocks.get(x).term() instanceof Terminator.Branch bx) || bx.ifTrue() == bx.ifFalse()) continue;
                for (int s : List.of(bx.ifTrue(), bx.ifFalse())) {
                    List<Integer> sp = cfg.preds.get(s);
                    List<Integer> xp = cfg.preds.get(x);
                    Integer p = xp.size() == 1 ? xp.getFirst()
                            : sp.size() == 2 && sp.contains(x) ? sp.get(sp.get(0) == x ? 1 : 0) : null;
                    if (p == null || p == x || s == p || s == x || !sp.contains(p) || !cfg.dominates(p, x)
                            || !(blocks.get(p).term() instanceof Terminator.Branch)
                            || cfg.index.get(s) < cfg.index.get(x) || cfg.index.get(x) < cfg.index.get(p)
                            || cfg.index.get(s == bx.ifTrue() ? bx.ifFalse() : bx.ifTrue()) < cfg.index.get(x) // forward edges only
                            || !sameLoops(cycles, p, x)) continue; // else T would enter x's loop beside its header
                    fuse(p, x, s);
                    changed = true;
                    break search;
                }
            }
        }
    }

    /**
     * Every chain of tests (a test block and the test blocks reached from it alone, by forward edges in
     * the same loops: javac's short-circuit && and ||, however the branches cross) becomes a sequence of
     * guarded blocks on one selector naming the block that runs next. The chain's first test E and the
     * tests T1..Tn after it (in reverse post-order) become
     * <pre>
     *   E: ...; next = c ? a : b          G1: if (next == T1) T1       T1: ...; next = c1 ? a1 : b1; goto G2
     *   ... Gn+1: if (next == X1) X1 else if (next == X2) X2 ...     (X: the chain's exits)
     * </pre>
     * Each test still runs only where it would have (its instructions may load or divide), every guard
     * is a selection whose merge is the next guard, and the exits are left from one place, as after
     * {@link #fuseConditions}: what remains nests.
     */
    private void sequenceChains() {
        Cfg cfg = new Cfg(blocks, entry);
        List<Set<Integer>> cycles = naturalLoops(cfg);
        Set<Integer> headers = new HashSet<>();
        for (int b : cfg.rpo) for (int p : cfg.preds.get(b)) if (cfg.index.get(p) >= cfg.index.get(b)) headers.add(b);
        // tests that nest as they are stay out of chains: one whose arms go straight to returns, and an if
        // whose arms meet at once (a bounds check before a store, its error report jumping to the store)
        Set<Integer> taken = new HashSet<>();
        for (int d : deadEnds())
            if (reach(d, null, Set.of()).stream().noneMatch(x -> x != d && blocks.get(x).term() instanceof Terminator.Branch)) taken.add(d);
        for (int b : cfg.rpo) if (closedIf(cfg, b)) taken.add(b);
        for (int e : cfg.rpo) {
            if (taken.contains(e) || headers.contains(e) || !(blocks.get(e).term() instanceof Terminator.Branch)) continue;
            List<Integer> chain = new ArrayList<>(List.of(e));
            Set<Integer> in = new HashSet<>(chain);
            for (int k = cfg.index.get(e) + 1; k < cfg.rpo.size(); k++) {
                int b = cfg.rpo.get(k);
                if (!taken.contains(b) && !headers.contains(b) && blocks.get(b).term() instanceof Terminator.Branch
                        && in.containsAll(cfg.preds.get(b)) && sameLoops(cycles, e, b) && in.add(b)) chain.add(b);
            }
            if (pass.separateIfs && chain.size() > 1 && armsApart(cfg, e, in)) {
                taken.add(e); // an if of two separate regions: its arms' own chains start later
                continue;
            }
            taken.addAll(chain);
            if (chain.size() > 1) sequence(cfg, chain, in);
        }
    }

    /**
     * Whether the two arms of test e lead to nothing in common before they leave the chain {@code in}:
     * then e is an {@code if} whose arms hold separate tests (an else whose own chain crosses, beside a
     * library call's tests), not the first test of a short-circuit chain, whose arms share tests or
     * exits. Sequencing both arms on one selector would draw the separate regions into one construct.
     */
    private boolean armsApart(Cfg cfg, int e, Set<Integer> in) {
        Terminator.Branch br = (Terminator.Branch) blocks.get(e).term();
        return java.util.Collections.disjoint(chainRegion(cfg, br.ifTrue(), e, in), chainRegion(cfg, br.ifFalse(), e, in));
    }

    /** The chain's tests reached from {@code start} through the chain's tests by forward edges, and the blocks where those paths leave it. */
    private Set<Integer> chainRegion(Cfg cfg, int start, int e, Set<Integer> in) {
        Set<Integer> seen = new HashSet<>();
        java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>(List.of(start));
        while (!work.isEmpty()) {
            int x = work.pop();
            if (!seen.add(x) || x == e || !in.contains(x)) continue;
            for (int s : blocks.get(x).term().successors()) if (cfg.index.get(s) > cfg.index.get(x)) work.add(s); else seen.add(s);
        }
        return seen;
    }

    /** Whether b is {@code if (c) A; B} or {@code if (c) A; else B; J}, A and B entered from b alone and going on at once. */
    private boolean closedIf(Cfg cfg, int b) {
        if (!(blocks.get(b).term() instanceof Terminator.Branch br) || br.ifTrue() == br.ifFalse()) return false;
        int t = br.ifTrue(), f = br.ifFalse();
        Integer tNext = alone(cfg, b, t), fNext = alone(cfg, b, f);
        return tNext != null && (tNext == f || tNext.equals(fNext)) || fNext != null && fNext == t;
    }

    /** Where {@code arm} jumps, if b alone enters it and it only jumps; else null. */
    private Integer alone(Cfg cfg, int b, int arm) {
        return cfg.preds.get(arm).equals(List.of(b)) && blocks.get(arm).term() instanceof Terminator.Jump j ? j.target() : null;
    }

    private void sequence(Cfg cfg, List<Integer> chain, Set<Integer> in) {
        Var next = new Var(nextVar++, Type.INT, "next" + nextVar);
        List<Integer> exits = new ArrayList<>();
        for (int b : chain)
            for (int s : blocks.get(b).term().successors())
                if ((!in.contains(s) || cfg.index.get(s) <= cfg.index.get(b)) && !exits.contains(s)) exits.add(s);
        // the exits, tested in turn (the last one needs no test)
        int after = exits.getLast();
        for (int k = exits.size() - 2; k >= 0; k--) after = guard(next, exits.get(k), after);
        if (exits.size() == 1) after = newBlock(new Terminator.Jump(after)).id();
        for (int k = chain.size() - 1; k >= 0; k--) {
            Block b = blocks.get(chain.get(k));
            Terminator.Branch br = (Terminator.Branch) b.term();
            b.instrs().add(new Instr.Select(next, br.cond(), Const.of(br.ifTrue()), Const.of(br.ifFalse())));
            b.setTerm(new Terminator.Jump(after));
            if (k > 0) after = guard(next, b.id(), after);
        }
    }

    /** A block that goes to {@code target} where the selector names it, else to {@code otherwise}. */
    private int guard(Var next, int target, int otherwise) {
        Var c = new Var(nextVar++, Type.BOOL, "is" + nextVar);
        Block g = newBlock(new Terminator.Branch(c, target, otherwise));
        g.instrs().add(new Instr.Compare(c, CmpOp.EQ, next, Const.of(target)));
        return g.id();
    }

    private List<Set<Integer>> naturalLoops(Cfg cfg) {
        List<Set<Integer>> out = new ArrayList<>();
        for (int h : cfg.rpo) {
            List<Integer> latches = new ArrayList<>();
            for (int q : cfg.preds.get(h)) if (cfg.dominates(h, q)) latches.add(q);
            if (!latches.isEmpty()) out.add(naturalLoop(cfg, h, latches));
        }
        return out;
    }

    private static boolean sameLoops(List<Set<Integer>> loops, int a, int b) {
        for (Set<Integer> l : loops) if (l.contains(a) != l.contains(b)) return false;
        return true;
    }

    private void fuse(int p, int x, int s) {
        Block xb = blocks.get(x);
        Terminator.Branch bx = (Terminator.Branch) xb.term();
        int y = bx.ifTrue() == s ? bx.ifFalse() : bx.ifTrue();
        Var flag = new Var(nextVar++, Type.BOOL, "either" + nextVar);
        Block join = newBlock(new Terminator.Branch(flag, s, y));
        Block taken = newBlock(new Terminator.Jump(join.id()));
        taken.instrs().add(new Instr.Move(flag, Const.of(true)));
        retarget(blocks.get(p), s, taken.id(), 1);
        xb.instrs().add(bx.ifTrue() == s ? new Instr.Move(flag, bx.cond()) : new Instr.Compare(flag, CmpOp.EQ, bx.cond(), Const.of(false)));
        xb.setTerm(new Terminator.Jump(join.id()));
    }

    /** Redirects the first {@code count} edges from {@code from} to {@code old} (all if negative) to {@code now}. */
    private static void retarget(Block from, int old, int now, int count) {
        int[] left = {count < 0 ? Integer.MAX_VALUE : count};
        from.setTerm(from.term().retarget(t -> {
            if (t == old && left[0] > 0) {
                left[0]--;
                return now;
            }
            return t;
        }));
    }

    // ---- loops ----

    private void loops() {
        while (true) {
            Cfg cfg = new Cfg(blocks, entry);
            int header = -1;
            for (int b : cfg.rpo) {
                for (int s : blocks.get(b).term().successors()) {
                    if (cfg.index.get(s) > cfg.index.get(b)) continue;
                    if (!cfg.dominates(s, b))
                        throw new KernelCompilationException(kernel + ": control flow that is not structured (block L" + s
                                + " is entered from L" + b + " and elsewhere): SPIR-V for Vulkan needs loops with one entry");
                    if (!loops.containsKey(s) && header < 0) header = s;
                }
            }
            if (header < 0) return;
            loop(cfg, header);
        }
    }

    private void loop(Cfg cfg, int h) {
        List<Integer> latches = new ArrayList<>();
        for (int p : cfg.preds.get(h)) if (cfg.dominates(h, p)) latches.add(p);
        Set<Integer> body = naturalLoop(cfg, h, latches);
        // one latch that only jumps back (javac's i++ block, where continue goes) is the continue target, else a new block
        Block cont;
        if (latches.size() == 1 && latches.getFirst() != h && blocks.get(latches.getFirst()).term() instanceof Terminator.Jump) {
            cont = blocks.get(latches.getFirst());
        } else {
            cont = newBlock(new Terminator.Jump(h));
            for (int l : latches) retarget(blocks.get(l), h, cont.id(), -1);
            body.add(cont.id());
        }
        // a tail that only returns and is entered from the body alone joins the body (an early return in
        // the loop needs no exit then), unless it reaches a barrier: that stays after the merge, where the
        // work-items meet again whatever iteration they left at
        Set<Integer> dead = deadEnds(), barriers = barrierTails(dead);
        for (boolean grew = true; grew; ) {
            grew = false;
            for (int b : cfg.rpo) {
                if (body.contains(b) || !dead.contains(b) || barriers.contains(b) || cfg.preds.get(b).isEmpty()) continue;
                // structuring again: a tail that returns and is entered from several blocks of the body (the
                // loop's test and its breaks) stays outside, after the merge, as nothing in the loop could merge it
                if (pass.sequenceChains && (cfg.preds.get(b).size() > 1 || cfg.preds.get(b).contains(h))) continue;
                if (body.containsAll(cfg.preds.get(b))) grew |= body.add(b);
            }
        }
        List<int[]> exits = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        for (int b : body)
            for (int s : blocks.get(b).term().successors())
                if (!body.contains(s)) {
                    exits.add(new int[] {b, s});
                    if (!targets.contains(s)) targets.add(s);
                }
        int merge;
        if (targets.isEmpty()) {
            merge = newBlock(new Terminator.Return()).id();
            unreachable.add(merge);
        } else if (targets.size() == 1) {
            merge = newBlock(new Terminator.Jump(targets.getFirst())).id();
            for (int[] e : exits) retarget(blocks.get(e[0]), e[1], merge, 1);
        } else {
            Var sel = new Var(nextVar++, Type.INT, "exit" + nextVar);
            int next = targets.getLast();
            for (int k = targets.size() - 2; k >= 0; k--) {
                Var c = new Var(nextVar++, Type.BOOL, "exitIs" + nextVar);
                Block test = newBlock(new Terminator.Branch(c, targets.get(k), next));
                test.instrs().add(new Instr.Compare(c, CmpOp.EQ, sel, Const.of(k)));
                next = test.id();
            }
            merge = next;
            for (int[] e : exits) {
                Block set = newBlock(new Terminator.Jump(merge));
                set.instrs().add(new Instr.Move(sel, Const.of(targets.indexOf(e[1]))));
                retarget(blocks.get(e[0]), e[1], set.id(), 1);
            }
        }
        // the header holds the loop merge, so a branch between two blocks of the body moves to a block of its own
        Block hb = blocks.get(h);
        if (hb.term() instanceof Terminator.Branch br && br.ifTrue() != merge && br.ifFalse() != merge) {
            Block rest = newBlock(br);
            rest.instrs().addAll(hb.instrs());
            hb.instrs().clear();
            hb.setTerm(new Terminator.Jump(rest.id()));
        }
        loops.put(h, new Merge(merge, cont.id()));
    }

    private Set<Integer> naturalLoop(Cfg cfg, int h, List<Integer> latches) {
        Set<Integer> body = new HashSet<>(List.of(h));
        List<Integer> work = new ArrayList<>(latches);
        while (!work.isEmpty()) {
            int b = work.removeLast();
            if (body.add(b)) work.addAll(cfg.preds.get(b));
        }
        return body;
    }

    /** Blocks from which every path ends in a return. */
    private Set<Integer> deadEnds() {
        Set<Integer> dead = new HashSet<>();
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Block b : blocks.values())
                if (!dead.contains(b.id()) && !unreachable.contains(b.id()) && dead.containsAll(b.term().successors())) grew |= dead.add(b.id());
        }
        return dead;
    }

    /**
     * The dead ends from which a barrier is reached. A barrier joins the work-items of a group that run
     * it as one dynamic instance, which SPIR-V ties to the constructs around it: a copy per arm of a
     * selection is a barrier per arm, and a tail drawn into a loop construct is a barrier per iteration
     * at which work-items leave the loop. Where the work-items part (a test or a trip count that differs
     * between them), each waits at a barrier of its own; on lavapipe the group then reads local memory
     * that its neighbours have not written yet. Such a tail therefore stays one block after the merge.
     */
    private Set<Integer> barrierTails(Set<Integer> dead) {
        Set<Integer> out = new HashSet<>();
        for (boolean grew = true; grew; ) {
            grew = false;
            for (int b : dead) {
                if (out.contains(b)) continue;
                Block block = blocks.get(b);
                if (block.instrs().stream().anyMatch(i -> i instanceof Instr.Barrier)
                        || block.term().successors().stream().anyMatch(out::contains)) grew |= out.add(b);
            }
        }
        return out;
    }

    /**
     * An empty block that only jumps to a loop's continue target or merge is bypassed, so that the
     * branches into it become plain continues and breaks (and need no construct of their own).
     */
    private void threadJumps() {
        Set<Integer> special = new HashSet<>();
        for (Merge m : loops.values()) {
            special.add(m.block());
            special.add(m.continueTarget());
        }
        for (boolean changed = true; changed; ) {
            changed = false;
            Cfg cfg = new Cfg(blocks, entry);
            for (int b : cfg.rpo) {
                Block block = blocks.get(b);
                if (b == entry || special.contains(b) || loops.containsKey(b) || !block.instrs().isEmpty()
                        || !(block.term() instanceof Terminator.Jump j) || !special.contains(j.target())) continue;
                for (int p : Set.copyOf(cfg.preds.get(b))) retarget(blocks.get(p), b, j.target(), -1);
                changed = true;
            }
        }
    }

    // ---- selections ----

    private void selections() {
        Cfg cfg = new Cfg(blocks, entry);
        Set<Integer> claimed = new HashSet<>();
        for (Merge m : loops.values()) {
            claimed.add(m.block());
            claimed.add(m.continueTarget());
        }
        for (int k = 0; k < cfg.rpo.size(); k++) {
            int b = cfg.rpo.get(k);
            Block block = blocks.get(b);
            if (!(block.term() instanceof Terminator.Branch br) || loops.containsKey(b)) continue;
            if (br.ifTrue() == br.ifFalse()) {
                block.setTerm(new Terminator.Jump(br.ifTrue()));
                continue;
            }
            Integer inner = innermostLoop(cfg, b);
            Merge loop = inner == null ? null : loops.get(inner);
            if (loop != null && (isExit(loop, br.ifTrue()) || isExit(loop, br.ifFalse()))) continue;
            int merge = postDominator(cfg, b, inner);
            if (merge < 0) {
                merge = newBlock(new Terminator.Return()).id();
                unreachable.add(merge);
            } else if (claimed.contains(merge) || !cfg.dominates(b, merge)) {
                int old = merge;
                merge = newBlock(new Terminator.Jump(old)).id();
                for (int p : cfg.preds.get(old)) if (cfg.dominates(b, p)) retarget(blocks.get(p), old, merge, -1);
                cfg = new Cfg(blocks, entry);
            }
            claimed.add(merge);
            selections.put(b, new Merge(merge, -1));
        }
    }

    private static boolean isExit(Merge loop, int target) { return target == loop.block() || target == loop.continueTarget(); }

    /** The header of the innermost loop whose construct holds b, or null. */
    private Integer innermostLoop(Cfg cfg, int b) {
        Integer best = null;
        for (Map.Entry<Integer, Merge> e : loops.entrySet()) {
            int h = e.getKey();
            if (!cfg.reachable(h) || !cfg.dominates(h, b)) continue;
            int m = e.getValue().block();
            if (cfg.reachable(m) && cfg.dominates(m, b)) continue;
            if (best == null || cfg.index.get(h) > cfg.index.get(best)) best = h;
        }
        return best;
    }

    /**
     * Where b's construct ends: the nearest block every path from b passes through before it leaves
     * the construct of the loop headed by {@code loop} (null: the kernel), an inner loop counting as
     * its header followed by its merge, a return that only one arm reaches (an early return) not counting.
     * Without one, the arms never meet again (one returns, breaks or continues): the merge is then an
     * arm's target, so that the other arm is the construct, provided that arm never reaches a block the
     * target reaches (a return both share would lie outside the construct); -1 if neither qualifies. A
     * merge that b does not dominate (the arm jumps to where an enclosing construct ends) gets a block of
     * its own in front ({@link #selections}).
     */
    private int postDominator(Cfg cfg, int b, Integer loop) {
        Merge l = loop == null ? null : loops.get(loop);
        Terminator.Branch br = (Terminator.Branch) blocks.get(b).term();
        Set<Integer> shared = reach(br.ifTrue(), l, Set.of());
        shared.retainAll(reach(br.ifFalse(), l, Set.of()));
        BitSet pd = pdom(cfg, b, l, new HashMap<>(), new HashSet<>(), shared);
        int best = -1;
        if (pd != null)
            for (int i = pd.nextSetBit(0); i >= 0 && i < cfg.rpo.size(); i = pd.nextSetBit(i + 1))
                if (cfg.rpo.get(i) != b) return cfg.rpo.get(i);
        int size = -1;
        for (int target : List.of(br.ifTrue(), br.ifFalse())) {
            if (cfg.dominates(b, target) && cfg.preds.get(target).size() != 1) continue;
            int other = target == br.ifTrue() ? br.ifFalse() : br.ifTrue();
            Set<Integer> after = reach(target, l, Set.of());
            if (reach(other, l, Set.of(target)).stream().anyMatch(after::contains)) continue;
            if (!cfg.dominates(b, target)) return target; // where an enclosing construct goes on: the only way out
            int n = pdom(cfg, target, l, new HashMap<>(), new HashSet<>()).cardinality();
            if (n > size) {
                size = n;
                best = target;
            }
        }
        return best;
    }

    /**
     * The blocks reachable from n without entering {@code stop} or leaving the construct of {@code loop}
     * (its continue target and merge, where breaks and continues go, are not followed).
     */
    private Set<Integer> reach(int n, Merge loop, Set<Integer> stop) {
        Set<Integer> seen = new HashSet<>();
        java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>(List.of(n));
        while (!work.isEmpty()) {
            int x = work.pop();
            if (stop.contains(x) || loop != null && (x == loop.block() || x == loop.continueTarget()) || !seen.add(x)) continue;
            work.addAll(blocks.get(x).term().successors());
        }
        return seen;
    }

    /**
     * The blocks every path from n passes through, as RPO indices, plus one of three marks past the
     * blocks for how the paths end: a return, a continue or a break of the loop.
     */
    private BitSet pdom(Cfg cfg, int n, Merge loop, Map<Integer, BitSet> memo, Set<Integer> active) {
        return pdom(cfg, n, loop, memo, active, null);
    }

    /**
     * {@link #pdom(Cfg, int, Merge, Map, Set)}, except that a way ending in a return outside {@code shared}
     * (an early return of one arm) puts no constraint on the blocks the others pass through: null where
     * every way from n is such a return.
     */
    private BitSet pdom(Cfg cfg, int n, Merge loop, Map<Integer, BitSet> memo, Set<Integer> active, Set<Integer> shared) {
        if (memo.containsKey(n)) return memo.get(n);
        if (!active.add(n))
            throw new KernelCompilationException(kernel + ": control flow that is not structured around block L" + n);
        int exit = cfg.rpo.size(), cont = exit + 1, brk = exit + 2;
        List<Integer> succ;
        Merge inner = loops.get(n);
        if (inner != null && (loop == null || inner != loop))
            succ = unreachable.contains(inner.block()) ? List.of() : List.of(inner.block());
        else succ = blocks.get(n).term().successors();
        BitSet acc = null;
        for (int s : succ) {
            BitSet ps;
            if (loop != null && s == loop.continueTarget()) ps = single(cont);
            else if (loop != null && s == loop.block()) ps = single(brk);
            else ps = pdom(cfg, s, loop, memo, active, shared);
            if (ps == null) continue;
            if (acc == null) acc = (BitSet) ps.clone();
            else acc.and(ps);
        }
        if (acc == null && shared != null && (succ.isEmpty() ? !shared.contains(n) : true)) {
            active.remove(n);
            memo.put(n, null);
            return null;
        }
        if (acc == null) acc = single(exit);
        acc.set(cfg.index.get(n));
        active.remove(n);
        memo.put(n, acc);
        return acc;
    }

    private static BitSet single(int i) {
        BitSet b = new BitSet();
        b.set(i);
        return b;
    }
}
