package dev.mamba2j.tornado.jit.loops;

import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Param;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a value of the front end's IR at one point as a {@link HostExpr} over the kernel's
 * parameters, by following its definitions backwards. Only definitions on the one path from the
 * entry count: a block reached from two places (a branch or loop before the point) ends the search,
 * since which definition reaches then depends on data the host does not have.
 */
public final class HostValues {
    private static final int MAX_DEPTH = 256;

    private final Map<Integer, Block> blocks;
    private final Map<Integer, List<Integer>> predecessors = new HashMap<>();
    private final Map<Var, Integer> scalarParams = new HashMap<>();
    private final int entry;

    public HostValues(Function f) {
        this.blocks = f.blockMap();
        this.entry = f.entry().id();
        for (Block b : f.blocks()) for (int s : b.term().successors()) predecessors.computeIfAbsent(s, k -> new ArrayList<>()).add(b.id());
        for (Param p : f.params()) if (p.kind() == Param.Kind.SCALAR) scalarParams.put(p.var(), p.javaIndex());
    }

    /** {@code value} as it is just before instruction {@code position} of {@code block}. */
    public HostExpr at(Block block, int position, Operand value) { return at(block, position, value, 0); }

    private HostExpr at(Block block, int position, Operand value, int depth) {
        if (depth > MAX_DEPTH) return new HostExpr.Unknown("is computed in too many steps");
        if (value instanceof Const c)
            return c.type().isFloating() ? new HostExpr.Unknown("uses floating-point values") : new HostExpr.Constant(c.value().longValue());
        Var v = (Var) value;
        for (Block b = block; ; ) {
            List<Instr> is = b.instrs();
            for (int k = position - 1; k >= 0; k--) if (v.equals(is.get(k).dst())) return defined(b, k, depth + 1);
            List<Integer> from = predecessors.getOrDefault(b.id(), List.of());
            if (b.id() == entry || from.isEmpty()) {
                Integer param = scalarParams.get(v);
                return param != null ? new HostExpr.Argument(param) : new HostExpr.Unknown("uses " + v + ", which is not assigned on the way to it");
            }
            if (from.size() > 1) return new HostExpr.Unknown("depends on a branch or a loop before it (" + v + " may come from either path)");
            b = blocks.get(from.getFirst());
            position = b.instrs().size();
        }
    }

    private HostExpr defined(Block b, int k, int depth) {
        Instr i = b.instrs().get(k);
        Type t = i.dst().type();
        if (t.isFloating() && !(i instanceof Instr.Convert)) return new HostExpr.Unknown("uses floating-point values");
        boolean wide = t == Type.LONG;
        return switch (i) {
            case Instr.Move m -> at(b, k, m.src(), depth);
            case Instr.Neg n -> new HostExpr.Negate(at(b, k, n.a(), depth), wide);
            case Instr.Binary x when op(x) != null -> new HostExpr.Binary(op(x), at(b, k, x.a(), depth), at(b, k, x.b(), depth), wide);
            case Instr.Convert c when !t.isFloating() && !c.src().type().isFloating() -> new HostExpr.Convert(at(b, k, c.src(), depth), wide);
            case Instr.Convert c -> new HostExpr.Unknown("uses floating-point values");
            case Instr.Length l when l.array().space() == Space.GLOBAL -> new HostExpr.Length(l.array().javaIndex());
            case Instr.Call c when (c.fn() == MathFn.MIN || c.fn() == MathFn.MAX) ->
                    new HostExpr.Binary(c.fn() == MathFn.MIN ? HostExpr.Op.MIN : HostExpr.Op.MAX, at(b, k, c.args().get(0), depth),
                            at(b, k, c.args().get(1), depth), wide);
            case Instr.Load l -> new HostExpr.Unknown("reads array elements, which the host does not read before a launch");
            case Instr.Query q -> new HostExpr.Unknown("depends on a work-item id (the variable of an enclosing parallel loop)");
            default -> new HostExpr.Unknown("is computed by an operation the host does not evaluate (" + i + ")");
        };
    }

    private static HostExpr.Op op(Instr.Binary x) {
        for (HostExpr.Op op : HostExpr.Op.values()) if (op.name().equals(x.op().name())) return op;
        return null;
    }
}
