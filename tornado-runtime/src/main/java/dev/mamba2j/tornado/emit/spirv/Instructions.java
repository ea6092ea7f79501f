package dev.mamba2j.tornado.emit.spirv;

import dev.mamba2j.tornado.api.KernelCompilationException;
import dev.mamba2j.tornado.emit.spirv.Grammar.BuiltIn;
import dev.mamba2j.tornado.emit.spirv.Grammar.Capability;
import dev.mamba2j.tornado.emit.spirv.Grammar.LoopControl;
import dev.mamba2j.tornado.emit.spirv.Grammar.MemoryAccess;
import dev.mamba2j.tornado.emit.spirv.Grammar.MemorySemantics;
import dev.mamba2j.tornado.emit.spirv.Grammar.Op;
import dev.mamba2j.tornado.emit.spirv.Grammar.Scope;
import dev.mamba2j.tornado.emit.spirv.Grammar.SelectionControl;
import dev.mamba2j.tornado.emit.spirv.Grammar.StorageClass;
import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.CmpOp;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.ElemType;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;


/** Each IR instruction and terminator as SPIR-V, meaning what the lowered IR means. */
final class Instructions {
    private final KernelWriter w;
    private final Code c;
    private final Types t;
    private final boolean vulkan;

    Instructions(KernelWriter w) {
        this.w = w;
        this.c = w.c;
        this.t = w.t;
        this.vulkan = w.target == SpirvTarget.VULKAN;
    }

    void block(Block b, Structurer.Merge merge) {
        for (Instr i : b.instrs()) instr(i);
        Terminator term = b.term();
        int operand = term.uses().isEmpty() ? -1 : value(term.uses().getFirst()); // before the merge, which must come last but one
        if (merge != null) {
            if (merge.isLoop()) c.stmt(Op.LoopMerge, w.label(merge.block()), w.label(merge.continueTarget()), LoopControl.NONE);
            else c.stmt(Op.SelectionMerge, w.label(merge.block()), SelectionControl.NONE);
        }
        switch (term) {
            case Terminator.Jump j -> c.stmt(Op.Branch, w.label(j.target()));
            case Terminator.Branch br -> c.stmt(Op.BranchConditional, operand, w.label(br.ifTrue()), w.label(br.ifFalse()));
            case Terminator.Return r -> c.stmt(Op.Return);
            case Terminator.Switch s -> {
                int[] ops = new int[2 + 2 * s.keys().size()];
                ops[0] = operand;
                ops[1] = w.label(s.otherwise());
                for (int k = 0; k < s.keys().size(); k++) {
                    ops[2 + 2 * k] = s.keys().get(k);
                    ops[3 + 2 * k] = w.label(s.targets().get(k));
                }
                c.stmt(Op.Switch, ops);
            }
        }
    }

    private int value(Operand o) {
        if (o instanceof Const k) return t.constant(k);
        Var v = (Var) o;
        return c.load(t.of(v.type()), w.vars.get(v.id()));
    }

    private void assign(Var d, int value) { c.store(w.vars.get(d.id()), value); }

    private void instr(Instr i) {
        switch (i) {
            case Instr.Move m -> assign(m.dst(), value(m.src()));
            case Instr.Neg n -> assign(n.dst(), c.op(n.dst().type().isFloating() ? Op.FNegate : Op.SNegate, t.of(n.dst().type()), value(n.a())));
            case Instr.Binary b -> assign(b.dst(), Arithmetic.binary(c, b.op(), b.dst().type(), value(b.a()), value(b.b())));
            case Instr.Compare k -> assign(k.dst(), compare(k.op(), k.a().type(), value(k.a()), value(k.b())));
            case Instr.Select s -> assign(s.dst(), c.select(t.of(s.dst().type()), value(s.cond()), value(s.ifTrue()), value(s.ifFalse())));
            case Instr.Convert k -> assign(k.dst(), Arithmetic.convert(c, k.src().type(), k.dst().type(), value(k.src())));
            case Instr.Bitcast k -> assign(k.dst(), c.bitcast(t.of(k.dst().type()), value(k.src())));
            case Instr.Call k -> assign(k.dst(), Arithmetic.call(c, k.fn(), k.dst().type(), k.args().stream().mapToInt(this::value).toArray()));
            case Instr.Query q -> assign(q.dst(), query(q));
            case Instr.Load l -> assign(l.dst(), load(l.array(), value(l.index())));
            case Instr.Store s -> store(s.array(), value(s.index()), value(s.value()));
            case Instr.Length l -> assign(l.dst(), l.array().space() == Space.GLOBAL ? c.load(t.i32(), w.lengths.get(l.array()))
                    : t.constInt(((Const) w.f.allocations().get(l.array())).asInt()));
            case Instr.Alloc a -> {}
            case Instr.Barrier b -> barrier();
            case Instr.AtomicAdd a -> atomicAdd(a);
            case Instr.Gemm g -> {
                if (w.coop == null) throw new IllegalStateException("localGemm should have been expanded: " + g);
                w.coop.emit(g, value(g.tf32()), this::barrier);
            }
        }
    }

    private int compare(CmpOp op, Type type, int a, int b) {
        int bool = t.bool();
        if (type == Type.BOOL) return switch (op) {
            case EQ -> c.op(Op.LogicalEqual, bool, a, b);
            case NE -> c.op(Op.LogicalNotEqual, bool, a, b);
            default -> throw new IllegalArgumentException(op + " on booleans");
        };
        if (type.isFloating()) return switch (op) {
            case EQ -> c.op(Op.FOrdEqual, bool, a, b);
            case NE -> c.op(Op.FUnordNotEqual, bool, a, b);
            case LT -> c.op(Op.FOrdLessThan, bool, a, b);
            case LE -> c.op(Op.FOrdLessThanEqual, bool, a, b);
            case GT -> c.op(Op.FOrdGreaterThan, bool, a, b);
            case GE -> c.op(Op.FOrdGreaterThanEqual, bool, a, b);
            case UNORDERED -> vulkan ? c.op(Op.LogicalOr, bool, c.op(Op.IsNan, bool, a), c.op(Op.IsNan, bool, b))
                    : c.op(Op.Unordered, bool, a, b);
        };
        return switch (op) {
            case EQ -> c.op(Op.IEqual, bool, a, b);
            case NE -> c.op(Op.INotEqual, bool, a, b);
            case LT -> c.op(Op.SLessThan, bool, a, b);
            case LE -> c.op(Op.SLessThanEqual, bool, a, b);
            case GT -> c.op(Op.SGreaterThan, bool, a, b);
            case GE -> c.op(Op.SGreaterThanEqual, bool, a, b);
            case UNORDERED -> throw new IllegalArgumentException("UNORDERED on integers");
        };
    }

    private int query(Instr.Query q) {
        int i32 = t.i32();
        return switch (q.what()) {
            case GLOBAL_ID -> component(BuiltIn.GlobalInvocationId, q.dim());
            case LOCAL_ID -> component(BuiltIn.LocalInvocationId, q.dim());
            case GROUP_ID -> component(BuiltIn.WorkgroupId, q.dim());
            case LOCAL_SIZE -> vulkan ? c.op(Op.CompositeExtract, i32, w.workgroupSize(), q.dim()) : component(BuiltIn.WorkgroupSize, q.dim());
            case GLOBAL_SIZE -> vulkan
                    ? c.op(Op.IMul, i32, component(BuiltIn.NumWorkgroups, q.dim()), c.op(Op.CompositeExtract, i32, w.workgroupSize(), q.dim()))
                    : component(BuiltIn.GlobalSize, q.dim());
        };
    }

    /** One component of a built-in vector, as an int (OpenCL's are size_t). */
    private int component(int builtin, int dim) {
        int elem = vulkan ? t.i32() : t.i64();
        int vec = c.load(t.vec3(elem), w.builtin(builtin));
        int x = c.op(Op.CompositeExtract, elem, vec, dim);
        return vulkan ? x : c.op(Op.UConvert, t.i32(), x);
    }

    /** A pointer to array[index]. */
    private int element(ArrayRef a, int index) {
        int base = w.arrays.get(a);
        return switch (a.space()) {
            case GLOBAL -> vulkan
                    ? c.op(Op.AccessChain, t.pointer(StorageClass.StorageBuffer, t.storage(a.elem())), base, t.constInt(0), index)
                    : c.op(Op.InBoundsPtrAccessChain, t.pointer(StorageClass.CrossWorkgroup, t.storage(a.elem())), base, index);
            case LOCAL -> c.op(Op.AccessChain, t.pointer(StorageClass.Workgroup, t.element(a.elem())), base, index);
            case PRIVATE -> c.op(Op.AccessChain, t.pointer(StorageClass.Function, t.element(a.elem())), base, index);
        };
    }

    private int load(ArrayRef a, int index) {
        int ptr = element(a, index);
        if (a.elem().bytes() != 2) return loadFrom(a, t.of(a.elem().valueType()), ptr);
        int bits = a.space() == Space.GLOBAL ? c.op(Op.UConvert, t.i32(), c.load(t.i16(), ptr)) : loadFrom(a, t.i32(), ptr);
        return Storage16.widen(c, a.elem(), bits);
    }

    private void store(ArrayRef a, int index, int value) {
        int ptr = element(a, index);
        if (a.elem().bytes() != 2) {
            storeTo(a, ptr, value);
            return;
        }
        int bits = Storage16.narrow(c, a.elem(), value);
        storeTo(a, ptr, a.space() == Space.GLOBAL ? c.op(Op.UConvert, t.i16(), bits) : bits);
    }

    /** Under the Vulkan memory model, work-group memory is shared between invocations: its accesses are non-private. */
    private boolean nonPrivate(ArrayRef a) { return w.vulkanMemoryModel() && a.space() == Space.LOCAL; }

    private int loadFrom(ArrayRef a, int type, int ptr) {
        return nonPrivate(a) ? c.op(Op.Load, type, ptr, MemoryAccess.NonPrivatePointer) : c.load(type, ptr);
    }

    private void storeTo(ArrayRef a, int ptr, int value) {
        if (nonPrivate(a)) c.stmt(Op.Store, ptr, value, MemoryAccess.NonPrivatePointer);
        else c.store(ptr, value);
    }

    private void barrier() {
        int scope = t.constInt(Scope.Workgroup);
        int order = vulkan ? MemorySemantics.AcquireRelease : MemorySemantics.SequentiallyConsistent;
        if (w.vulkanMemoryModel()) order |= MemorySemantics.MakeAvailable | MemorySemantics.MakeVisible;
        c.stmt(Op.ControlBarrier, scope, scope, t.constInt(order | MemorySemantics.WorkgroupMemory));
    }

    private void atomicAdd(Instr.AtomicAdd a) {
        int ptr = element(a.array(), value(a.index()));
        int scope = t.constInt(a.array().space() == Space.LOCAL ? Scope.Workgroup : Scope.Device);
        if (w.vulkanMemoryModel() && a.array().space() != Space.LOCAL) w.m.capability(Capability.VulkanMemoryModelDeviceScope);
        int relaxed = t.constInt(MemorySemantics.Relaxed);
        int v = value(a.value());
        int old;
        if (a.array().elem() == ElemType.FLOAT) {
            w.m.capability(Capability.AtomicFloat32AddEXT);
            w.m.extension("SPV_EXT_shader_atomic_float_add");
            old = c.op(Op.AtomicFAddEXT, t.f32(), ptr, scope, relaxed, v);
        } else if (a.array().elem() == ElemType.INT) {
            old = c.op(Op.AtomicIAdd, t.i32(), ptr, scope, relaxed, v);
        } else {
            throw new KernelCompilationException(w.f.name() + ": atomic add on " + a.array().elem() + " arrays is not supported in SPIR-V");
        }
        if (a.dst() != null) assign(a.dst(), old);
    }
}
