package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.BinOp;
import dev.mamba2j.tornado.ir.CmpOp;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;

import java.util.List;

/** Appends instructions that each write a fresh variable: what a rewritten instruction becomes. */
final class Emitter {
    private List<Instr> out;
    private int next;

    Emitter(int firstId) { next = firstId; }

    /** Where the following instructions go. */
    void into(List<Instr> instrs) { out = instrs; }

    void add(Instr i) { out.add(i); }

    Var fresh(Type t, String hint) {
        int id = next++;
        return new Var(id, t, hint + "_" + id);
    }

    Var bin(BinOp op, Operand a, Operand b, String hint) {
        Var d = fresh(a.type(), hint);
        add(new Instr.Binary(d, op, a, b));
        return d;
    }

    Var cmp(CmpOp op, Operand a, Operand b, String hint) {
        Var d = fresh(Type.BOOL, hint);
        add(new Instr.Compare(d, op, a, b));
        return d;
    }

    Var select(Operand cond, Operand ifTrue, Operand ifFalse, String hint) {
        Var d = fresh(ifTrue.type(), hint);
        add(new Instr.Select(d, cond, ifTrue, ifFalse));
        return d;
    }

    Var neg(Operand a, String hint) {
        Var d = fresh(a.type(), hint);
        add(new Instr.Neg(d, a));
        return d;
    }

    Var bitcast(Type to, Operand a, String hint) {
        Var d = fresh(to, hint);
        add(new Instr.Bitcast(d, a));
        return d;
    }

    Var convert(Type to, Operand a, String hint) {
        Var d = fresh(to, hint);
        add(new Instr.Convert(d, a));
        return d;
    }

    Var call(MathFn fn, Type t, String hint, Operand... args) {
        Var d = fresh(t, hint);
        add(new Instr.Call(d, fn, List.of(args)));
        return d;
    }
}
