package dev.mamba2j.tornado.jit.bytecode;

import dev.mamba2j.tornado.api.KernelCompilationException;
import dev.mamba2j.tornado.jit.bytecode.StackValue.Arr;
import dev.mamba2j.tornado.jit.bytecode.StackValue.Cmp3;
import dev.mamba2j.tornado.jit.bytecode.StackValue.Ctx;
import dev.mamba2j.tornado.jit.bytecode.StackValue.Prim;
import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.BinOp;
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

import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.*;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates one method's bytecode into IR blocks by abstract interpretation of the operand stack,
 * one basic block at a time. Primitive locals become one variable per (slot, type); values left on
 * the stack across a block boundary (ternaries, boolean expressions) go through one variable per
 * (depth, type); references are resolved statically to arrays or the KernelContext. Calls and
 * fields go to {@link CallTranslator}.
 */
final class MethodTranslator {
    /** The abstract state at a block's entry. */
    record Frame(List<StackValue> stack, Map<Integer, StackValue> refs) {}

    final Builder b;
    final Code code;
    private final int continuation;
    private final Var result;
    private final Map<String, Var> locals = new HashMap<>();
    private final Map<String, Var> stackVars = new HashMap<>();
    private final Map<Integer, Frame> entryFrames = new HashMap<>();
    private final Map<Integer, Block> blocksAt = new HashMap<>();
    private final Map<Integer, Set<Integer>> refsReadFirst = new HashMap<>();
    private final Deque<Integer> work = new ArrayDeque<>();
    private final CallTranslator calls = new CallTranslator(this);
    private ParallelMapping parallel = ParallelMapping.NONE;

    Block cur;
    int idx;
    private List<StackValue> stack;
    private Map<Integer, StackValue> refs;
    private Set<Integer> written, readFirst;

    /**
     * @param continuation block to jump to on return (an inlined helper), or -1 for the kernel itself
     * @param result       where an inlined helper leaves its return value, or null
     */
    MethodTranslator(Builder b, Code code, int continuation, Var result) {
        this.b = b;
        this.code = code;
        this.continuation = continuation;
        this.result = result;
        blocksAt.put(0, b.block());
    }

    int entryId() { return blocksAt.get(0).id(); }

    /** Lowers these @Parallel loops of the method as it is translated (the task method only). */
    void mapParallelLoops(ParallelMapping mapping) { this.parallel = mapping; }

    /** The variable of a primitive local slot of one type. */
    Var local(int slot, Type t) {
        return locals.computeIfAbsent(slot + ":" + t, k -> b.var(t, code.slotNames.getOrDefault(slot, "l" + slot)));
    }

    void run(Frame entry) {
        entryFrames.put(0, entry);
        work.push(0);
        while (!work.isEmpty()) translateBlock(work.pop());
    }

    private void translateBlock(int start) {
        Frame f = entryFrames.get(start);
        cur = blocksAt.get(start);
        stack = new ArrayList<>(f.stack());
        refs = new HashMap<>(f.refs());
        written = new HashSet<>();
        readFirst = refsReadFirst.computeIfAbsent(start, k -> new HashSet<>());
        for (idx = start; ; idx++) {
            if (idx > start && code.leader[idx]) {
                flushStack();
                cur.setTerm(new Terminator.Jump(edge(idx)));
                return;
            }
            if (idx >= code.instrs.size()) throw code.error(idx - 1, "control falls off the end of the method");
            if (continuation < 0) b.writeRefusal = parallel.writeRefusal(idx);
            if (parallel.inIncrement(idx)) continue; // a work-item's only iteration needs no next value
            if (translate(code.instrs.get(idx))) return;
        }
    }

    // ---- edges between blocks ----

    /** Moves primitive stack entries into the per-depth variables that every predecessor of a join shares. */
    private void flushStack() {
        for (int k = 0; k < stack.size(); k++) {
            StackValue v = stack.get(k);
            if (v instanceof Cmp3) throw unsupported("three-way comparison result used as a value");
            if (v instanceof Prim(Var var) && stackVars.containsValue(var) && !var.equals(stackVar(k, var.type())))
                stack.set(k, new Prim(copy(var)));
        }
        for (int k = 0; k < stack.size(); k++) {
            if (!(stack.get(k) instanceof Prim(Operand op))) continue;
            Var target = stackVar(k, op.type());
            if (!op.equals(target)) emit(new Instr.Move(target, op));
            stack.set(k, new Prim(target));
        }
    }

    private Var stackVar(int depth, Type t) {
        return stackVars.computeIfAbsent(depth + ":" + t, k -> b.var(t, "s" + depth));
    }

    /** Registers control flow from the current state to instruction index target; returns its block id. */
    private int edge(int target) {
        Frame f = new Frame(List.copyOf(stack), Map.copyOf(refs));
        Frame old = entryFrames.get(target);
        if (old == null) {
            entryFrames.put(target, f);
            blocksAt.computeIfAbsent(target, k -> b.block());
            work.push(target);
        } else {
            if (!old.stack().equals(f.stack())) {
                if (old.stack().size() == f.stack().size()) throw unsupported("array reference chosen at run time");
                throw code.error(target, "operand stack differs between paths");
            }
            Map<Integer, StackValue> merged = new HashMap<>(old.refs());
            for (Map.Entry<Integer, StackValue> e : old.refs().entrySet()) {
                if (e.getValue().equals(f.refs().get(e.getKey()))) continue;
                if (refsReadFirst.getOrDefault(target, Set.of()).contains(e.getKey()))
                    throw unsupported("array reference chosen at run time (local " + slotName(e.getKey()) + ")");
                merged.remove(e.getKey());
            }
            entryFrames.put(target, new Frame(old.stack(), Map.copyOf(merged)));
        }
        return blocksAt.get(target).id();
    }

    // ---- stack helpers used by CallTranslator ----

    void emit(Instr i) {
        if (b.writeRefusal != null && i instanceof Instr.Store st && st.array().space() == Space.GLOBAL)
            throw new KernelCompilationException(b.writeRefusal);
        cur.instrs().add(i);
    }

    void push(StackValue v) { stack.add(v); }

    void push(Operand op) { stack.add(new Prim(op)); }

    StackValue pop() { return stack.removeLast(); }

    Operand popPrim() {
        StackValue v = pop();
        if (v instanceof Prim p) return p.op();
        if (v instanceof Cmp3) throw unsupported("three-way comparison result used as a value");
        throw code.error(idx, "expected a primitive value, found " + v);
    }

    ArrayRef popArray() {
        StackValue v = pop();
        if (v instanceof Arr a) return a.array();
        throw code.error(idx, "expected an array, found " + v);
    }

    void popContext() {
        if (!(pop() instanceof Ctx)) throw code.error(idx, "expected the KernelContext");
    }

    Var temp(Type t) { return b.var(t, "t"); }

    private Var copy(Operand op) {
        Var t = temp(op.type());
        emit(new Instr.Move(t, op));
        return t;
    }

    KernelCompilationException unsupported(String construct) {
        return code.unsupported(idx, construct);
    }

    String slotName(int slot) { return code.slotNames.getOrDefault(slot, "#" + slot); }

    /** A name for a value about to be stored by the next instruction (for readable array names). */
    String nextStoreName(String fallback) {
        if (idx + 1 < code.instrs.size() && code.instrs.get(idx + 1) instanceof StoreInstruction s)
            return code.slotNames.getOrDefault(s.slot(), fallback);
        return fallback;
    }

    // ---- instructions ----

    /** Translates one instruction; true if it ended the block. */
    private boolean translate(Instruction ins) {
        switch (ins) {
            case LoadInstruction l -> {
                if (l.typeKind() == TypeKind.REFERENCE) loadRef(l.slot());
                else push(local(l.slot(), Intrinsics.type(l.typeKind())));
            }
            case StoreInstruction s -> store(s.slot(), s.typeKind());
            case IncrementInstruction inc -> {
                Var v = local(inc.slot(), Type.INT);
                spill(v);
                emit(new Instr.Binary(v, BinOp.ADD, v, Const.of(inc.constant())));
            }
            case ConstantInstruction c when c.opcode() == Opcode.ACONST_NULL -> throw unsupported("null reference");
            case ConstantInstruction c -> constant(c.constantValue());
            case OperatorInstruction o -> operator(o.opcode());
            case ConvertInstruction c -> convert(c.toType());
            case BranchInstruction br -> { branch(br); return true; }
            case TableSwitchInstruction t -> { switchOn(t.cases(), t.defaultTarget()); return true; }
            case LookupSwitchInstruction l -> { switchOn(l.cases(), l.defaultTarget()); return true; }
            case ReturnInstruction r -> { ret(r.typeKind()); return true; }
            case InvokeInstruction i -> calls.invoke(i);
            case FieldInstruction f -> calls.field(f);
            case ArrayLoadInstruction a -> {
                Operand index = popPrim();
                ArrayRef arr = popArray();
                Var d = temp(arr.elem().valueType());
                emit(new Instr.Load(d, arr, index));
                push(d);
            }
            case ArrayStoreInstruction a -> {
                Operand value = popPrim();
                Operand index = popPrim();
                emit(new Instr.Store(popArray(), index, value));
            }
            case NewPrimitiveArrayInstruction n -> newPrivateArray(n.typeKind());
            case StackInstruction s -> stackOp(s.opcode());
            case NopInstruction n -> {}
            case NewObjectInstruction n -> throw unsupported((calls.isThrowable(n.className().asInternalName()) ? "exception (throw new "
                    : "object allocation (new ") + n.className().asInternalName() + ")");
            case NewReferenceArrayInstruction n -> throw unsupported("object array allocation (anewarray " + n.componentType().asInternalName() + ")");
            case NewMultiArrayInstruction n -> throw unsupported("multi-dimensional array allocation");
            case MonitorInstruction m -> throw unsupported("synchronization (" + name(m.opcode()) + ")");
            case ThrowInstruction t -> throw unsupported("exception (athrow)");
            case TypeCheckInstruction t -> throw unsupported("type check (" + name(t.opcode()) + " " + t.type().asInternalName() + ")");
            case InvokeDynamicInstruction d -> throw unsupported("lambda, method reference or string concatenation (invokedynamic " + d.name().stringValue() + ")");
            default -> throw unsupported("instruction " + name(ins.opcode()));
        }
        return false;
    }

    static String name(Opcode op) { return op.name().toLowerCase(); }

    private void loadRef(int slot) {
        if (!written.contains(slot)) readFirst.add(slot);
        StackValue v = refs.get(slot);
        if (v == null) throw unsupported("array reference chosen at run time (local " + slotName(slot) + ")");
        push(v);
    }

    private void store(int slot, TypeKind kind) {
        LoopShape loop = parallel.initAt(idx);
        if (loop != null) {
            parallel.mapInit(this, loop);
            return;
        }
        if (kind == TypeKind.REFERENCE) {
            StackValue v = pop();
            if (v instanceof Prim || v instanceof Cmp3) throw code.error(idx, "expected a reference");
            refs.put(slot, v);
            written.add(slot);
            return;
        }
        Operand v = popPrim();
        Var local = local(slot, Intrinsics.type(kind));
        spill(local);
        emit(new Instr.Move(local, v));
    }

    /** Copies stack entries that read v before v is overwritten (i++ inside an expression). */
    void spill(Var v) {
        Var saved = null;
        for (int k = 0; k < stack.size(); k++) {
            StackValue e = stack.get(k);
            if (e instanceof Prim(Operand op) && op.equals(v)) {
                if (saved == null) saved = copy(v);
                stack.set(k, new Prim(saved));
            } else if (e instanceof Cmp3(Operand a, Operand bb, int nan) && (a.equals(v) || bb.equals(v))) {
                if (saved == null) saved = copy(v);
                stack.set(k, new Cmp3(a.equals(v) ? saved : a, bb.equals(v) ? saved : bb, nan));
            }
        }
    }

    private void constant(Object value) {
        switch (value) {
            case Integer i -> push(Const.of(i));
            case Long l -> push(Const.of(l));
            case Float f -> push(Const.of(f));
            case Double d -> push(Const.of(d));
            case String s -> throw unsupported("string constant \"" + s + "\"");
            default -> throw unsupported("constant " + value);
        }
    }

    private void operator(Opcode op) {
        switch (op) {
            case IADD, LADD, FADD, DADD -> binary(BinOp.ADD);
            case ISUB, LSUB, FSUB, DSUB -> binary(BinOp.SUB);
            case IMUL, LMUL, FMUL, DMUL -> binary(BinOp.MUL);
            case IDIV, LDIV, FDIV, DDIV -> binary(BinOp.DIV);
            case IREM, LREM, FREM, DREM -> binary(BinOp.REM);
            case IAND, LAND -> binary(BinOp.AND);
            case IOR, LOR -> binary(BinOp.OR);
            case IXOR, LXOR -> binary(BinOp.XOR);
            case ISHL, LSHL -> binary(BinOp.SHL);
            case ISHR, LSHR -> binary(BinOp.SHR);
            case IUSHR, LUSHR -> binary(BinOp.USHR);
            case INEG, LNEG, FNEG, DNEG -> {
                Operand a = popPrim();
                Var d = temp(a.type());
                emit(new Instr.Neg(d, a));
                push(d);
            }
            case LCMP -> cmp3(0);
            case FCMPL, DCMPL -> cmp3(-1);
            case FCMPG, DCMPG -> cmp3(1);
            case ARRAYLENGTH -> {
                Var d = temp(Type.INT);
                emit(new Instr.Length(d, popArray()));
                push(d);
            }
            default -> throw unsupported("instruction " + name(op));
        }
    }

    private void binary(BinOp op) {
        Operand bb = popPrim();
        Operand a = popPrim();
        Var d = temp(a.type());
        emit(new Instr.Binary(d, op, a, bb));
        push(d);
    }

    private void cmp3(int nanResult) {
        Operand bb = popPrim();
        Operand a = popPrim();
        push(new Cmp3(a, bb, nanResult));
    }

    private void convert(TypeKind to) {
        Operand a = popPrim();
        switch (to) {
            case BYTE, SHORT -> { // sign-extend the low 8/16 bits
                int shift = to == TypeKind.BYTE ? 24 : 16;
                Var t = temp(Type.INT), d = temp(Type.INT);
                emit(new Instr.Binary(t, BinOp.SHL, a, Const.of(shift)));
                emit(new Instr.Binary(d, BinOp.SHR, t, Const.of(shift)));
                push(d);
            }
            case CHAR -> {
                Var d = temp(Type.INT);
                emit(new Instr.Binary(d, BinOp.AND, a, Const.of(0xffff)));
                push(d);
            }
            default -> {
                Var d = temp(Intrinsics.type(to));
                emit(new Instr.Convert(d, a));
                push(d);
            }
        }
    }

    private void branch(BranchInstruction br) {
        Opcode op = br.opcode();
        if (Code.isGoto(br)) {
            flushStack();
            LoopShape loop = parallel.backEdgeAt(idx); // a parallel loop's work-item runs one iteration
            cur.setTerm(new Terminator.Jump(edge(loop != null ? loop.exit() : code.indexOf(br.target()))));
            return;
        }
        CmpOp cmp;
        Operand a, bb;
        boolean swap = false;
        switch (op) {
            case IFEQ, IFNE, IFLT, IFGE, IFGT, IFLE -> {
                cmp = cmpOp(op);
                StackValue v = pop();
                if (v instanceof Cmp3(Operand x, Operand y, int nan)) {
                    a = x;
                    bb = y;
                    // fcmpl/fcmpg decide NaN's outcome; the IR compare is ordered, so flip where Java's is true on NaN
                    if (x.type().isFloating() && cmp != CmpOp.NE && holds(cmp, nan)) {
                        cmp = cmp.negate();
                        swap = true;
                    }
                } else {
                    a = ((Prim) v).op();
                    bb = Const.of(0);
                }
            }
            case IF_ICMPEQ, IF_ICMPNE, IF_ICMPLT, IF_ICMPGE, IF_ICMPGT, IF_ICMPLE -> {
                cmp = cmpOp(op);
                bb = popPrim();
                a = popPrim();
            }
            case IF_ACMPEQ, IF_ACMPNE -> throw unsupported("reference comparison (" + name(op) + ")");
            case IFNULL, IFNONNULL -> throw unsupported("null check (" + name(op) + ")");
            default -> throw unsupported("branch " + name(op));
        }
        Var c = temp(Type.BOOL);
        LoopShape loop = parallel.conditionAt(idx);
        if (loop != null) {
            parallel.guard(this, loop, a, bb, c); // c: the iteration exists (the branch leaves when it does not)
            swap = true;
        } else {
            emit(new Instr.Compare(c, cmp, a, bb));
        }
        flushStack();
        int taken = edge(code.indexOf(br.target()));
        int next = edge(idx + 1);
        cur.setTerm(swap ? new Terminator.Branch(c, next, taken) : new Terminator.Branch(c, taken, next));
    }

    private static CmpOp cmpOp(Opcode op) {
        return switch (op) {
            case IFEQ, IF_ICMPEQ -> CmpOp.EQ;
            case IFNE, IF_ICMPNE -> CmpOp.NE;
            case IFLT, IF_ICMPLT -> CmpOp.LT;
            case IFGE, IF_ICMPGE -> CmpOp.GE;
            case IFGT, IF_ICMPGT -> CmpOp.GT;
            default -> CmpOp.LE;
        };
    }

    private static boolean holds(CmpOp op, int v) {
        return switch (op) {
            case EQ -> v == 0;
            case NE -> v != 0;
            case LT -> v < 0;
            case LE -> v <= 0;
            case GT -> v > 0;
            case GE -> v >= 0;
            case UNORDERED -> throw new IllegalArgumentException(op.name());
        };
    }

    private void switchOn(List<SwitchCase> cases, Label dflt) {
        Operand v = popPrim();
        flushStack();
        List<Integer> keys = new ArrayList<>(), targets = new ArrayList<>();
        for (SwitchCase c : cases) {
            keys.add(c.caseValue());
            targets.add(edge(code.indexOf(c.target())));
        }
        cur.setTerm(new Terminator.Switch(v, List.copyOf(keys), List.copyOf(targets), edge(code.indexOf(dflt))));
    }

    private void ret(TypeKind kind) {
        if (kind != TypeKind.VOID) {
            StackValue v = pop();
            if (!(v instanceof Prim(Operand op))) throw unsupported("returning a reference from a helper method");
            emit(new Instr.Move(result, op));
        }
        cur.setTerm(continuation < 0 ? new Terminator.Return() : new Terminator.Jump(continuation));
    }

    /** new T[n]: a private array, zeroed as Java requires (the device compiler drops unneeded zeroing). */
    private void newPrivateArray(TypeKind kind) {
        ElemType e = Intrinsics.privateElement(kind);
        if (e == null) throw unsupported("array of " + kind.name().toLowerCase());
        Operand size = popPrim();
        ArrayRef arr = b.array(Space.PRIVATE, e, nextStoreName("priv"), -1);
        emit(new Instr.Alloc(arr, size));
        b.allocSites.put(arr, code.where(idx));
        Var i = b.var(Type.INT, "z");
        emit(new Instr.Move(i, Const.of(0)));
        Block head = b.block(), body = b.block(), exit = b.block();
        cur.setTerm(new Terminator.Jump(head.id()));
        Var c = temp(Type.BOOL);
        head.instrs().add(new Instr.Compare(c, CmpOp.LT, i, size));
        head.setTerm(new Terminator.Branch(c, body.id(), exit.id()));
        body.instrs().add(new Instr.Store(arr, i, Const.zero(e.valueType())));
        body.instrs().add(new Instr.Binary(i, BinOp.ADD, i, Const.of(1)));
        body.setTerm(new Terminator.Jump(head.id()));
        cur = exit;
        push(new Arr(arr));
    }

    private void stackOp(Opcode op) {
        switch (op) {
            case POP -> pop();
            case POP2 -> { if (pop().slots() == 1) pop(); }
            case DUP -> push(stack.getLast());
            case DUP_X1 -> { StackValue v1 = pop(), v2 = pop(); pushAll(v1, v2, v1); }
            case DUP_X2 -> {
                StackValue v1 = pop(), v2 = pop();
                if (v2.slots() == 2) pushAll(v1, v2, v1);
                else { StackValue v3 = pop(); pushAll(v1, v3, v2, v1); }
            }
            case DUP2 -> {
                StackValue v1 = pop();
                if (v1.slots() == 2) pushAll(v1, v1);
                else { StackValue v2 = pop(); pushAll(v2, v1, v2, v1); }
            }
            case DUP2_X1 -> {
                StackValue v1 = pop();
                if (v1.slots() == 2) { StackValue v2 = pop(); pushAll(v1, v2, v1); }
                else { StackValue v2 = pop(), v3 = pop(); pushAll(v2, v1, v3, v2, v1); }
            }
            case DUP2_X2 -> {
                StackValue v1 = pop();
                if (v1.slots() == 2) {
                    StackValue v2 = pop();
                    if (v2.slots() == 2) pushAll(v1, v2, v1);
                    else { StackValue v3 = pop(); pushAll(v1, v3, v2, v1); }
                } else {
                    StackValue v2 = pop(), v3 = pop();
                    if (v3.slots() == 2) pushAll(v2, v1, v3, v2, v1);
                    else { StackValue v4 = pop(); pushAll(v2, v1, v4, v3, v2, v1); }
                }
            }
            case SWAP -> { StackValue v1 = pop(), v2 = pop(); pushAll(v1, v2); }
            default -> throw unsupported("instruction " + name(op));
        }
    }

    private void pushAll(StackValue... vs) { for (StackValue v : vs) push(v); }
}
