package dev.mamba2j.tornado.jit.bytecode;

import dev.mamba2j.tornado.jit.bytecode.StackValue.Arr;
import dev.mamba2j.tornado.jit.bytecode.StackValue.Prim;
import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.CmpOp;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.ElemType;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.Operand;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;
import dev.mamba2j.tornado.ir.WorkItem;

import java.lang.reflect.AccessFlag;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Method calls and field reads: Math functions, bit casts, KernelContext fields and methods,
 * off-heap array methods, inlining of static helpers, and static final constants.
 */
final class CallTranslator {
    private final MethodTranslator t;

    CallTranslator(MethodTranslator t) { this.t = t; }

    void invoke(InvokeInstruction i) {
        String owner = i.owner().asInternalName(), name = i.name().stringValue(), desc = i.type().stringValue();
        switch (i.opcode()) {
            case INVOKESTATIC -> invokeStatic(owner, name, desc, i.typeSymbol());
            case INVOKEVIRTUAL -> invokeVirtual(owner, name, desc);
            case INVOKEINTERFACE -> throw t.unsupported("interface call (" + owner + "." + name + ")");
            default -> throw t.unsupported(name.equals("<init>") ? "constructor call (" + owner + ")"
                    : "instance method call (" + owner + "." + name + ")");
        }
    }

    private void invokeStatic(String owner, String name, String desc, MethodTypeDesc type) {
        if (Intrinsics.isMath(owner)) {
            MathFn fn = Intrinsics.math(owner, name);
            Type rt = Intrinsics.type(type.returnType());
            if (fn == null || fn.arity() != type.parameterCount() || rt == null)
                throw t.unsupported("call to " + owner.substring(owner.lastIndexOf('/') + 1) + "." + name);
            call(fn, rt);
        } else if (Intrinsics.isBitcast(owner, name, desc)) {
            Operand a = t.popPrim();
            Var d = t.temp(Intrinsics.type(type.returnType()));
            t.emit(new Instr.Bitcast(d, a));
            t.push(d);
        } else if (Intrinsics.isInlinableJdk(owner, name)) {
            inline(owner, name, desc, type);
        } else if (owner.startsWith("java/") || owner.startsWith("jdk/") || owner.startsWith("sun/")) {
            throw t.unsupported("call to " + owner + "." + name);
        } else {
            inline(owner, name, desc, type);
        }
    }

    private void call(MathFn fn, Type rt) {
        List<Operand> args = new ArrayList<>();
        for (int k = 0; k < fn.arity(); k++) args.addFirst(t.popPrim());
        Var d = t.temp(rt);
        t.emit(new Instr.Call(d, fn, List.copyOf(args)));
        t.push(d);
    }

    private void invokeVirtual(String owner, String name, String desc) {
        if (owner.equals(Intrinsics.CONTEXT)) context(name, desc);
        else if (Intrinsics.isArrayClass(owner)) array(owner, name, desc);
        else throw t.unsupported("virtual call (" + owner + "." + name + ")");
    }

    private void context(String name, String desc) {
        switch (name) {
            case "localBarrier" -> {
                t.popContext();
                t.emit(new Instr.Barrier());
            }
            case "allocateFloatLocalArray", "allocateIntLocalArray" -> {
                Operand size = t.popPrim();
                t.popContext();
                ElemType e = name.contains("Float") ? ElemType.FLOAT : ElemType.INT;
                ArrayRef arr = t.b.array(Space.LOCAL, e, t.nextStoreName("local"), -1);
                t.emit(new Instr.Alloc(arr, size));
                t.b.allocSites.put(arr, t.code.where(t.idx));
                t.push(new Arr(arr));
            }
            case "atomicAdd" -> {
                Operand value = t.popPrim(), index = t.popPrim();
                ArrayRef arr = t.popArray();
                t.popContext();
                Var d = t.temp(value.type());
                t.emit(new Instr.AtomicAdd(d, arr, index, value));
                t.push(d);
            }
            case "localGemm", "localGemmTf32" -> {
                // localGemm(..., boolean tf32): the flag may be a runtime value; as an int it becomes a BOOL here.
                Operand tf32 = Const.of(name.equals("localGemmTf32"));
                if (desc.endsWith("Z)V")) {
                    Operand flag = t.popPrim();
                    if (flag instanceof Const f) tf32 = Const.of(f.asInt() != 0);
                    else {
                        Var p = t.temp(Type.BOOL);
                        t.emit(new Instr.Compare(p, CmpOp.NE, flag, Const.of(0)));
                        tf32 = p;
                    }
                }
                Operand ldc = t.popPrim();
                ArrayRef c = localFloats(t.popArray());
                Operand ldb = t.popPrim();
                ArrayRef b = localFloats(t.popArray());
                Operand lda = t.popPrim();
                ArrayRef a = localFloats(t.popArray());
                Operand k = t.popPrim(), n = t.popPrim(), m = t.popPrim();
                t.popContext();
                t.emit(new Instr.Gemm(m, n, k, a, lda, b, ldb, c, ldc, tf32));
            }
            default -> throw t.unsupported("KernelContext." + name + desc);
        }
    }

    private ArrayRef localFloats(ArrayRef a) {
        if (a.space() != Space.LOCAL || a.elem() != ElemType.FLOAT)
            throw t.unsupported("localGemm on " + a.space().name().toLowerCase() + " " + a.elem().name().toLowerCase()
                    + " array " + a.name() + " (it takes float arrays from allocateFloatLocalArray)");
        return a;
    }

    private void array(String owner, String name, String desc) {
        String simple = owner.substring(owner.lastIndexOf('/') + 1);
        switch (name + desc) {
            case "get(I)F", "get(I)I" -> {
                Operand index = t.popPrim();
                ArrayRef arr = t.popArray();
                Var d = t.temp(arr.elem().valueType());
                t.emit(new Instr.Load(d, arr, index));
                t.push(d);
            }
            case "set(IF)V", "set(II)V" -> {
                Operand value = t.popPrim(), index = t.popPrim();
                t.emit(new Instr.Store(t.popArray(), index, value));
            }
            case "getSize()I" -> {
                Var d = t.temp(Type.INT);
                t.emit(new Instr.Length(d, t.popArray()));
                t.push(d);
            }
            default -> throw t.unsupported("call to " + simple + "." + name);
        }
    }

    /** Translates a static helper in place: its blocks are spliced between the current block and a continuation. */
    private void inline(String owner, String name, String desc, MethodTypeDesc type) {
        Class<?> c = resolve(owner);
        MethodModel m = ClassFiles.method(c, name, desc);
        if (m == null || !m.flags().has(AccessFlag.STATIC)) throw t.unsupported("call to " + owner + "." + name + desc);
        String key = c.getName() + "." + name + desc;
        if (t.b.inlining.contains(key)) throw t.unsupported("recursive call (" + c.getName() + "." + name + ")");
        StackValue[] args = new StackValue[type.parameterCount()];
        for (int k = args.length - 1; k >= 0; k--) args[k] = t.pop();
        Type rt = Intrinsics.type(type.returnType());
        if (rt == null && !type.returnType().descriptorString().equals("V"))
            throw t.unsupported("helper method returning a reference (" + c.getName() + "." + name + ")");
        Var result = rt == null ? null : t.b.var(rt, name);
        Block continuation = t.b.block();
        Code calleeCode = new Code(c, m);
        if (ParallelLoopScan.hasAny(calleeCode))
            throw t.code.error(t.idx, "calls " + c.getName() + "." + name + ", which has a @Parallel loop: parallel loops belong in the task method itself");
        MethodTranslator callee = new MethodTranslator(t.b, calleeCode, continuation.id(), result);
        Map<Integer, StackValue> refs = new HashMap<>();
        int slot = 0;
        for (int k = 0; k < args.length; k++) {
            ClassDesc pt = type.parameterType(k);
            Type ptype = Intrinsics.type(pt);
            if (ptype == null) refs.put(slot, args[k]);
            else if (args[k] instanceof Prim(Operand op)) t.emit(new Instr.Move(callee.local(slot, ptype), op));
            else throw t.unsupported("three-way comparison result used as a value");
            slot += ptype != null && ptype.isWide() ? 2 : 1;
        }
        t.cur.setTerm(new Terminator.Jump(callee.entryId()));
        t.b.inlining.push(key);
        callee.run(new MethodTranslator.Frame(List.of(), Map.copyOf(refs)));
        t.b.inlining.pop();
        t.cur = continuation;
        if (result != null) t.push(result);
    }

    boolean isThrowable(String owner) {
        try {
            return Throwable.class.isAssignableFrom(Class.forName(owner.replace('/', '.'), false, t.code.owner.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private Class<?> resolve(String owner) {
        try {
            return Class.forName(owner.replace('/', '.'), false, t.code.owner.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw t.code.error(t.idx, "class " + owner + " not found");
        }
    }

    void field(FieldInstruction f) {
        String owner = f.owner().asInternalName(), name = f.name().stringValue();
        switch (f.opcode()) {
            case GETFIELD -> {
                WorkItem q = owner.equals(Intrinsics.CONTEXT) ? Intrinsics.query(name) : null;
                if (q == null) throw t.unsupported("object field access (" + owner + "." + name + ")");
                t.popContext();
                Var d = t.temp(Type.INT);
                t.emit(new Instr.Query(d, q, Intrinsics.dimension(name)));
                t.push(d);
            }
            case GETSTATIC -> t.push(staticConstant(owner, name));
            default -> throw t.unsupported("field write (" + owner + "." + name + ")");
        }
    }

    /** A static final primitive field's value, read from the initialised class. */
    private Const staticConstant(String owner, String name) {
        Field field;
        try {
            field = resolve(owner).getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw t.unsupported("inherited static field (" + owner + "." + name + ")");
        }
        if (!Modifier.isFinal(field.getModifiers())) throw t.unsupported("non-final static field (" + owner + "." + name + ")");
        if (!field.getType().isPrimitive()) throw t.unsupported("static field of object type (" + owner + "." + name + ")");
        Object value;
        try {
            field.setAccessible(true);
            value = field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw t.code.error(t.idx, "cannot read static field " + owner + "." + name + ": " + e);
        }
        return switch (value) {
            case Integer i -> Const.of(i);
            case Long l -> Const.of(l);
            case Float x -> Const.of(x);
            case Double x -> Const.of(x);
            case Boolean z -> Const.of(z ? 1 : 0);
            case Short s -> Const.of((int) s);
            case Byte y -> Const.of((int) y);
            case Character ch -> Const.of((int) ch);
            default -> throw t.unsupported("static field " + owner + "." + name);
        };
    }
}
