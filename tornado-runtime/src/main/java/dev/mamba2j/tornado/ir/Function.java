package dev.mamba2j.tornado.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A kernel in IR: its Java parameters and its blocks, the first of which is the entry. Helper
 * methods are already inlined. Passes rewrite a {@link #copy()}, so a cached front-end result stays intact.
 * Once lowered for a {@link MathTarget}, some operations mean the target's operation rather than
 * Java's (see the package documentation); {@link #loweredFor()} says which target, if any.
 */
public final class Function {
    private final String name;
    private final List<Param> params;
    private final List<Block> blocks;
    private MathTarget loweredFor;

    public Function(String name, List<Param> params, List<Block> blocks) {
        this.name = name;
        this.params = new ArrayList<>(params);
        this.blocks = blocks;
    }

    /** The kernel's entry name (the Java method's name; printers may rename it away from built-ins). */
    public String name() { return name; }

    public List<Param> params() { return params; }

    public List<Block> blocks() { return blocks; }

    public Block entry() { return blocks.getFirst(); }

    public Map<Integer, Block> blockMap() {
        Map<Integer, Block> m = new LinkedHashMap<>();
        for (Block b : blocks) m.put(b.id(), b);
        return m;
    }

    public Function copy() {
        List<Block> bs = new ArrayList<>();
        for (Block b : blocks) bs.add(b.copy());
        Function f = new Function(name, params, bs);
        f.loweredFor = loweredFor;
        return f;
    }

    /** The target the function is lowered for, or null while its operations still have Java's meaning. */
    public MathTarget loweredFor() { return loweredFor; }

    /** Records that the lowering pass has rewritten the function for target (once). */
    public void markLowered(MathTarget target) {
        if (loweredFor != null) throw new IllegalStateException(name + " is already lowered for " + loweredFor);
        loweredFor = target;
    }

    /** Every variable written or read in the body, by id (scalar parameters excluded). */
    public List<Var> locals() {
        Set<Var> ps = new HashSet<>();
        for (Param p : params) if (p.var() != null) ps.add(p.var());
        Map<Integer, Var> all = new TreeMap<>();
        for (Block b : blocks) {
            for (Instr i : b.instrs()) {
                if (i.dst() != null) all.put(i.dst().id(), i.dst());
                for (Operand o : i.uses()) if (o instanceof Var v) all.put(v.id(), v);
            }
            for (Operand o : b.term().uses()) if (o instanceof Var v) all.put(v.id(), v);
        }
        all.values().removeAll(ps);
        return List.copyOf(all.values());
    }

    /** An id no variable of the function has yet: one past the largest (parameters included). */
    public int nextVarId() {
        int next = 0;
        for (Param p : params) if (p.var() != null) next = Math.max(next, p.var().id() + 1);
        for (Var v : locals()) next = Math.max(next, v.id() + 1);
        return next;
    }

    /** How many control-flow edges enter each block, by block id (blocks without any are absent). */
    public Map<Integer, Integer> predecessorCounts() {
        Map<Integer, Integer> preds = new HashMap<>();
        for (Block b : blocks) for (int s : b.term().successors()) preds.merge(s, 1, Integer::sum);
        return preds;
    }

    /** LOCAL and PRIVATE arrays with their sizes, in order of their Alloc. */
    public Map<ArrayRef, Operand> allocations() {
        Map<ArrayRef, Operand> m = new LinkedHashMap<>();
        for (Block b : blocks) for (Instr i : b.instrs()) if (i instanceof Instr.Alloc a) m.putIfAbsent(a.array(), a.size());
        return m;
    }

    /** Whether any Length of the GLOBAL array remains. */
    public boolean usesLength(ArrayRef a) {
        for (Block b : blocks) for (Instr i : b.instrs()) if (i instanceof Instr.Length l && l.array().equals(a)) return true;
        return false;
    }

    /**
     * The device function's parameters: per Java parameter in order, an array gives its buffer and then,
     * if the body asks for its size, its length; a scalar gives itself; the context gives nothing.
     */
    public List<DeviceParam> deviceParams() {
        List<DeviceParam> out = new ArrayList<>();
        for (Param p : params) {
            switch (p.kind()) {
                case CONTEXT -> {}
                case ARRAY -> {
                    out.add(new DeviceParam(ParamKind.BUFFER, p.javaIndex(), p.array(), null, p.javaType()));
                    if (usesLength(p.array())) out.add(new DeviceParam(ParamKind.ARRAY_LENGTH, p.javaIndex(), p.array(), null, int.class));
                }
                case SCALAR -> out.add(new DeviceParam(ParamKind.SCALAR, p.javaIndex(), null, p.var(), p.javaType()));
            }
        }
        return out;
    }

    /** A readable listing, for tests and debugging. */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder("kernel ").append(name).append(params)
                .append(loweredFor == null ? "" : " lowered for " + loweredFor).append('\n');
        for (Block b : blocks) {
            sb.append(b.label()).append(":\n");
            for (Instr i : b.instrs()) sb.append("  ").append(i).append('\n');
            sb.append("  ").append(b.term()).append('\n');
        }
        return sb.toString();
    }
}
