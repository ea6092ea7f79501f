package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.api.KernelCompilationException;
import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.BinOp;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.MathTarget;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Param;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces each floating math call and floating % that the target lacks by the device math library's
 * version, inlined: the call's block is split, the library function's blocks (fresh variables, blocks
 * and private arrays) go in between, its parameters are assigned the arguments and its result store
 * becomes the call's destination. Integer calls are left to {@link JavaSemantics}.
 */
public final class InlineMath {
    /**
     * The library's functions as IR, optimised: scalar parameters (the operands, in order), and one
     * GLOBAL array parameter, last, whose element 0 each return stores the result to.
     */
    public interface Library {
        /** fn on operands of type t, for target; null if the library has none. */
        Function function(MathFn fn, Type t, MathTarget target);

        /** Java's % on type t. */
        Function remainder(Type t);
    }

    private InlineMath() {}

    /** Returns whether anything was inlined. */
    public static boolean apply(Function f, MathTarget target, Library library) {
        boolean changed = false;
        for (int b = 0; b < f.blocks().size(); b++) {
            List<Instr> is = f.blocks().get(b).instrs();
            for (int k = 0; k < is.size(); k++) {
                Function callee = replacement(is.get(k), target, library, f.name());
                if (callee == null) continue;
                splice(f, b, k, callee);
                changed = true;
                break; // the rest of the block is the continuation, which comes up later in the list
            }
        }
        return changed;
    }

    private static Function replacement(Instr i, MathTarget target, Library library, String kernel) {
        if (i instanceof Instr.Call c && c.dst().type().isFloating() && !target.has(c.fn(), c.dst().type())) {
            Function fn = library.function(c.fn(), c.dst().type(), target);
            if (fn == null)
                throw new KernelCompilationException(kernel + ": " + target + " has no " + c.fn() + " on " + c.dst().type()
                        + " and the math library none either");
            return fn;
        }
        if (i instanceof Instr.Binary x && x.op() == BinOp.REM && x.dst().type().isFloating() && !target.floatingRem())
            return library.remainder(x.dst().type());
        return null;
    }

    /** Splits block b of f at instruction k and inlines callee in place of that instruction. */
    private static void splice(Function f, int b, int k, Function callee) {
        Block at = f.blocks().get(b);
        Instr call = at.instrs().get(k);
        Var dst = call.dst();
        Renaming r = new Renaming(f);
        Block continuation = new Block(r.nextBlock++, new ArrayList<>(at.instrs().subList(k + 1, at.instrs().size())), at.term());
        at.instrs().subList(k, at.instrs().size()).clear();
        ArrayRef result = callee.params().getLast().array();
        Map<Integer, Integer> ids = new HashMap<>();
        for (Block c : callee.blocks()) ids.put(c.id(), r.nextBlock++);
        at.setTerm(new Terminator.Jump(ids.get(callee.entry().id())));
        // a parameter the function never assigns reads the argument itself; the result is stored at returns
        // only, after the last read, so dst may be an argument too
        Set<Var> assigned = new HashSet<>();
        for (Block c : callee.blocks()) for (Instr i : c.instrs()) if (i.dst() != null) assigned.add(i.dst());
        List<Instr> arguments = new ArrayList<>();
        for (int p = 0; p < call.uses().size(); p++) {
            Var param = callee.params().get(p).var();
            if (assigned.contains(param)) arguments.add(new Instr.Move(r.var(param), call.uses().get(p)));
            else r.bind(param, call.uses().get(p));
        }
        List<Block> copies = new ArrayList<>();
        for (Block c : callee.blocks()) {
            List<Instr> body = new ArrayList<>();
            if (c == callee.entry()) body.addAll(arguments);
            for (Instr i : c.instrs()) {
                if (i instanceof Instr.Store s && s.array().equals(result)) body.add(new Instr.Move(dst, r.operand(s.value())));
                else body.add(r.instr(i));
            }
            Terminator t = c.term() instanceof Terminator.Return ? new Terminator.Jump(continuation.id()) : c.term().retarget(ids::get);
            copies.add(new Block(ids.get(c.id()), body, t.mapOperands(r::operand)));
        }
        copies.add(continuation);
        f.blocks().addAll(b + 1, copies);
    }

    /** Fresh variables, blocks and private/local arrays for one inlined copy. */
    private static final class Renaming {
        private final Map<Var, Operand> vars = new HashMap<>();
        private final Map<ArrayRef, ArrayRef> arrays = new HashMap<>();
        private int nextVar, nextArray;
        int nextBlock;

        Renaming(Function f) {
            nextVar = f.nextVarId();
            for (Block b : f.blocks()) nextBlock = Math.max(nextBlock, b.id() + 1);
            for (Param p : f.params()) if (p.array() != null) nextArray = Math.max(nextArray, p.array().id() + 1);
            for (ArrayRef a : f.allocations().keySet()) nextArray = Math.max(nextArray, a.id() + 1);
        }

        /** The fresh variable standing for v (v must not be bound to an argument). */
        Var var(Var v) { return (Var) operand(v); }

        /** v reads a instead, everywhere in the copy. */
        void bind(Var v, Operand a) { vars.put(v, a); }

        Operand operand(Operand o) {
            return o instanceof Var v
                    ? vars.computeIfAbsent(v, k -> { int id = nextVar++; return new Var(id, k.type(), base(k.name()) + "_" + id); })
                    : o;
        }

        ArrayRef array(ArrayRef a) {
            return a.space() == Space.GLOBAL ? a : arrays.computeIfAbsent(a, k -> {
                int id = nextArray++;
                return new ArrayRef(id, k.space(), k.elem(), base(k.name()) + "_" + Character.toLowerCase(k.space().name().charAt(0)) + id, -1);
            });
        }

        Instr instr(Instr i) {
            Instr m = i.mapOperands(this::operand);
            if (m.dst() != null) m = m.withDst(var(m.dst()));
            return switch (m) {
                case Instr.Load l -> new Instr.Load(l.dst(), array(l.array()), l.index());
                case Instr.Store s -> new Instr.Store(array(s.array()), s.index(), s.value());
                case Instr.Alloc a -> new Instr.Alloc(array(a.array()), a.size());
                case Instr.Length l -> new Instr.Length(l.dst(), array(l.array()));
                case Instr.AtomicAdd a -> new Instr.AtomicAdd(a.dst(), array(a.array()), a.index(), a.value());
                default -> m;
            };
        }

        /** A name without its id suffix ("hi_12" -> "hi", "t_p3" -> "t"). */
        private static String base(String name) { return name.replaceFirst("_[a-z]?\\d+$", ""); }
    }
}
