package dev.mamba2j.tornado.emit.ptx;

import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.BinOp;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.CmpOp;
import dev.mamba2j.tornado.ir.ElemType;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Param;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;
import dev.mamba2j.tornado.ir.WorkItem;
import dev.mamba2j.tornado.jit.KernelJit;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes IR by hand for printer tests, standing in for the bytecode front end; what it builds is
 * lowered for PTX, as the JIT's last step does before any printer sees a function.
 */
final class IrBuilder {
    private final List<Param> params = new ArrayList<>();
    private final List<Block> blocks = new ArrayList<>();
    private int vars, arrays, javaIndex;
    private Block current;

    IrBuilder() { current = block(); }

    ArrayRef array(ElemType elem, String name) {
        ArrayRef a = new ArrayRef(arrays++, Space.GLOBAL, elem, name, javaIndex);
        params.add(new Param(javaIndex++, Param.Kind.ARRAY, null, a, Object.class));
        return a;
    }

    Var scalar(Type t, String name, Class<?> javaType) {
        Var v = new Var(vars++, t, name);
        params.add(new Param(javaIndex++, Param.Kind.SCALAR, v, null, javaType));
        return v;
    }

    Var var(Type t) { return new Var(vars++, t, "t" + vars); }

    /** A new block (not yet current). */
    Block block() {
        Block b = new Block(blocks.size());
        blocks.add(b);
        return b;
    }

    void at(Block b) { current = b; }

    private Var add(Instr i) {
        current.instrs().add(i);
        return i.dst();
    }

    Var query(WorkItem what, int dim) { return add(new Instr.Query(var(Type.INT), what, dim)); }

    Var bin(BinOp op, Operand a, Operand b) { return add(new Instr.Binary(var(a.type()), op, a, b)); }

    Var cmp(CmpOp op, Operand a, Operand b) { return add(new Instr.Compare(var(Type.BOOL), op, a, b)); }

    Var convert(Type to, Operand src) { return add(new Instr.Convert(var(to), src)); }

    Var bitcast(Type to, Operand src) { return add(new Instr.Bitcast(var(to), src)); }

    Var neg(Operand a) { return add(new Instr.Neg(var(a.type()), a)); }

    Var call(MathFn fn, Operand... args) { return add(new Instr.Call(var(args[0].type()), fn, List.of(args))); }

    Var load(ArrayRef a, Operand index) { return add(new Instr.Load(var(a.elem().valueType()), a, index)); }

    void store(ArrayRef a, Operand index, Operand value) { add(new Instr.Store(a, index, value)); }

    Var length(ArrayRef a) { return add(new Instr.Length(var(Type.INT), a)); }

    ArrayRef alloc(Space space, ElemType elem, String name, Operand size) {
        ArrayRef a = new ArrayRef(arrays++, space, elem, name, -1);
        add(new Instr.Alloc(a, size));
        return a;
    }

    void barrier() { add(new Instr.Barrier()); }

    Var atomicAdd(ArrayRef a, Operand index, Operand value, boolean useOld) {
        return add(new Instr.AtomicAdd(useOld ? var(a.elem().valueType()) : null, a, index, value));
    }

    void move(Var dst, Operand src) { add(new Instr.Move(dst, src)); }

    void jump(Block b) { current.setTerm(new Terminator.Jump(b.id())); }

    void branch(Operand cond, Block ifTrue, Block ifFalse) {
        current.setTerm(new Terminator.Branch(cond, ifTrue.id(), ifFalse.id()));
    }

    void ret() { current.setTerm(new Terminator.Return()); }

    void term(Terminator t) { current.setTerm(t); }

    Function build(String name) { return KernelJit.lower(new Function(name, params, blocks), PtxPrinter.MATH); }
}
