package dev.mamba2j.tornado.jit.bytecode;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.jit.bytecode.StackValue.Arr;
import dev.mamba2j.tornado.jit.bytecode.StackValue.Ctx;
import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.ElemType;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Param;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;
import dev.mamba2j.tornado.jit.loops.ParallelLoop;

import java.lang.classfile.MethodModel;
import java.lang.constant.ClassDesc;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Bytecode to IR: the kernel method with its helpers inlined. */
public final class FrontEnd {
    /**
     * The IR, where each local/private array is allocated (for later error messages), and the method's
     * {@code @Parallel} loops, outermost first (empty for a kernel that reads its ids from a KernelContext).
     */
    public record Translation(Function function, Map<ArrayRef, String> allocSites, List<ParallelLoop> parallelLoops) {}

    private FrontEnd() {}

    public static Translation translate(Method m) {
        Class<?> owner = m.getDeclaringClass();
        MethodModel model = ClassFiles.method(owner, m.getName(), descriptor(m));
        Code code = new Code(owner, model);
        if (!Modifier.isStatic(m.getModifiers())) throw code.unsupported(0, "non-static method");
        if (m.getReturnType() != void.class) throw code.unsupported(0, "kernel returning a value");
        Builder b = new Builder();
        Block entry = b.block(); // never a branch target, so code placed at entry runs once
        MethodTranslator t = new MethodTranslator(b, code, -1, null);
        ParallelMapping parallel = new ParallelMapping(code, ParallelLoopScan.scan(code));
        if (!parallel.isEmpty() && List.of(m.getParameterTypes()).contains(KernelContext.class))
            throw code.error(0, "a task method takes its ids either from a KernelContext or from @Parallel loops, not both");
        t.mapParallelLoops(parallel);
        entry.setTerm(new Terminator.Jump(t.entryId()));
        List<Param> params = new ArrayList<>();
        Map<Integer, StackValue> refs = new HashMap<>();
        int slot = 0;
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            Class<?> c = types[i];
            String name = code.slotNames.getOrDefault(slot, "arg" + i);
            ElemType e = Intrinsics.offHeapElement(c);
            if (c == KernelContext.class) {
                refs.put(slot, new Ctx());
                params.add(new Param(i, Param.Kind.CONTEXT, null, null, c));
            } else if (e != null) {
                ArrayRef a = b.array(Space.GLOBAL, e, name, i);
                refs.put(slot, new Arr(a));
                params.add(new Param(i, Param.Kind.ARRAY, null, a, c));
            } else if (c == int.class || c == long.class || c == float.class || c == double.class || c == boolean.class) {
                Type ty = c == long.class ? Type.LONG : c == float.class ? Type.FLOAT : c == double.class ? Type.DOUBLE : Type.INT;
                params.add(new Param(i, Param.Kind.SCALAR, t.local(slot, ty), null, c));
            } else if (c.isArray()) {
                throw code.unsupported(0, "Java heap array parameter (" + c.getSimpleName() + " " + name + ")");
            } else {
                throw code.unsupported(0, "parameter of type " + c.getName() + " (" + name + ")");
            }
            slot += c == long.class || c == double.class ? 2 : 1;
        }
        t.run(new MethodTranslator.Frame(List.of(), Map.copyOf(refs)));
        Function f = new Function(m.getName(), params, b.blocks);
        return new Translation(f, Map.copyOf(b.allocSites), parallel.describe(f));
    }

    /**
     * A static method with primitive parameters and a primitive result (a device math library
     * function) as a function: its parameters are scalars, and each return stores the result to
     * element 0 of one extra GLOBAL array parameter, last, so that the passes keep what computes it.
     */
    public static Translation translateFunction(Method m) {
        Class<?> owner = m.getDeclaringClass();
        Code code = new Code(owner, ClassFiles.method(owner, m.getName(), descriptor(m)));
        Type rt = Intrinsics.type(ClassDesc.ofDescriptor(m.getReturnType().descriptorString()));
        if (!Modifier.isStatic(m.getModifiers()) || rt == null) throw code.unsupported(0, "function without a primitive result");
        Builder b = new Builder();
        Block entry = b.block();
        Var result = b.var(rt, "result");
        MethodTranslator t = new MethodTranslator(b, code, -1, result);
        entry.setTerm(new Terminator.Jump(t.entryId()));
        List<Param> params = new ArrayList<>();
        int slot = 0;
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            Type ty = Intrinsics.type(ClassDesc.ofDescriptor(types[i].descriptorString()));
            if (ty == null) throw code.unsupported(0, "function parameter of type " + types[i].getName());
            params.add(new Param(i, Param.Kind.SCALAR, t.local(slot, ty), null, types[i]));
            slot += ty.isWide() ? 2 : 1;
        }
        ArrayRef out = b.array(Space.GLOBAL, ElemType.valueOf(rt.name()), "result", types.length);
        params.add(new Param(types.length, Param.Kind.ARRAY, null, out, Object.class));
        t.run(new MethodTranslator.Frame(List.of(), Map.of()));
        for (Block k : b.blocks)
            if (k.term() instanceof Terminator.Return) k.instrs().add(new Instr.Store(out, Const.of(0), result));
        return new Translation(new Function(m.getName(), params, b.blocks), Map.copyOf(b.allocSites), List.of());
    }

    private static String descriptor(Method m) {
        StringBuilder sb = new StringBuilder("(");
        for (Class<?> p : m.getParameterTypes()) sb.append(p.descriptorString());
        return sb.append(')').append(m.getReturnType().descriptorString()).toString();
    }
}
