package dev.mamba2j.tornado.jit.bytecode;

import java.lang.classfile.Attributes;
import java.lang.classfile.Instruction;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeAnnotation;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.attribute.StackMapFrameInfo.SimpleVerificationTypeInfo;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.OperatorInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds a method's {@code @Parallel} loops in its bytecode and checks that each can become a grid
 * dimension: a counted loop as javac compiles {@code for} (see {@link LoopShape}) whose iterations
 * can run apart. javac records {@code @Parallel} on a local variable as a type annotation of the Code
 * attribute, with the variable's slot and live range; the range runs from the loop's header to its exit.
 */
final class ParallelLoopScan {
    private static final String PARALLEL = "Ldev/mamba2j/tornado/api/annotations/Parallel;";
    static final int MAX_DIMENSIONS = 3;
    private static final String FORM = "for (@Parallel int i = start; i < bound; i += step), or i <= bound";

    private final Code code;

    private ParallelLoopScan(Code code) { this.code = code; }

    /** The method's parallel loops, outermost first, with their grid dimensions; empty if it has none. */
    static List<LoopShape> scan(Code code) { return new ParallelLoopScan(code).loops(); }

    /** True if the method has a {@code @Parallel} variable (helpers must not: their loops would run inside another). */
    static boolean hasAny(Code code) { return !annotated(code).isEmpty(); }

    /** (slot, header index, exit index) of every {@code @Parallel} variable. */
    private static List<int[]> annotated(Code code) {
        List<int[]> found = new ArrayList<>();
        code.attribute().findAttribute(Attributes.runtimeVisibleTypeAnnotations()).ifPresent(attr -> {
            for (TypeAnnotation a : attr.annotations()) {
                if (!(a.targetInfo() instanceof TypeAnnotation.LocalVarTarget target) || !a.annotation().className().equalsString(PARALLEL))
                    continue;
                for (TypeAnnotation.LocalVarTargetInfo range : target.table())
                    found.add(new int[] {range.index(), code.indexOrEnd(range.startLabel()), code.indexOrEnd(range.endLabel())});
            }
        });
        return found;
    }

    private List<LoopShape> loops() {
        List<int[]> vars = annotated(code);
        if (vars.isEmpty()) return List.of();
        List<LoopShape> loops = new ArrayList<>();
        for (int[] v : vars) loops.add(shape(v[0], v[1], v[2]));
        loops.sort(Comparator.comparingInt(LoopShape::header));
        for (int k = 1; k < loops.size(); k++) {
            LoopShape outer = loops.get(k - 1), inner = loops.get(k);
            if (inner.header() == outer.header())
                throw code.error(inner.init(), "the @Parallel variable " + inner.variable() + " has more than one live range; declare it in the loop: " + FORM);
            if (!outer.contains(inner.init()) || inner.exit() > outer.increment())
                throw code.error(inner.init(), "the parallel loops over " + outer.variable() + " and " + inner.variable()
                        + " are not nested: a task has one nest of up to " + MAX_DIMENSIONS + " parallel loops (split the others into tasks of their own)");
        }
        if (loops.size() > MAX_DIMENSIONS)
            throw code.error(loops.get(MAX_DIMENSIONS).init(), "more than " + MAX_DIMENSIONS + " nested parallel loops (a grid has three dimensions)");
        Set<Integer> backEdges = new HashSet<>();
        for (LoopShape l : loops) backEdges.add(l.backEdge());
        List<LoopShape> out = new ArrayList<>();
        for (int k = 0; k < loops.size(); k++) {
            LoopShape l = loops.get(k).withDimension(loops.size() - 1 - k);
            notInsideSequentialLoop(l, backEdges);
            out.add(l);
        }
        return List.copyOf(out);
    }

    private LoopShape shape(int slot, int header, int exit) {
        int init = header - 1, n = code.instrs.size();
        String name = code.nameAt(slot, header);
        if (header < 1 || exit <= header || exit > n) throw code.error(Math.max(0, header), "@Parallel variable " + name + ": unexpected live range");
        if (at(init) instanceof StoreInstruction s && s.slot() == slot && s.typeKind() != TypeKind.INT)
            throw code.error(init, "the @Parallel loop variable " + name + " must be an int");
        if (!(at(init) instanceof StoreInstruction s && s.slot() == slot) || !(at(header) instanceof LoadInstruction l && l.slot() == slot))
            throw notALoop(init, name);
        int condition = header + 1;
        while (condition < exit && code.targets(condition).isEmpty() && !(at(condition) instanceof ReturnInstruction)) condition++;
        if (condition >= exit || code.targets(condition).size() != 1 || code.targets(condition).getFirst() != exit) throw notALoop(init, name);
        Opcode op = at(condition).opcode();
        boolean againstZero = op == Opcode.IFGE || op == Opcode.IFGT;
        if (!(op == Opcode.IF_ICMPGE || op == Opcode.IF_ICMPGT || againstZero && condition == header + 1))
            throw code.error(condition, "the condition of the parallel loop over " + name + " must be " + name + " < bound or " + name
                    + " <= bound, with an int bound: " + FORM);
        int backEdge = exit - 1;
        if (!(at(backEdge) instanceof BranchInstruction b && Code.isGoto(b) && code.indexOf(b.target()) == header)) throw notALoop(init, name);
        int[] step = step(slot, name, backEdge);
        LoopShape loop = new LoopShape(slot, name, init, header, condition, step[0], backEdge, exit, step[1], step[2],
                op == Opcode.IF_ICMPGT || op == Opcode.IFGT, -1);
        checkBody(loop);
        return loop;
    }

    /** {increment index, constant step, step slot or -1}, from {@code iinc i, k} or {@code iload i; step; iadd; istore i}. */
    private int[] step(int slot, String name, int backEdge) {
        int last = backEdge - 1;
        if (at(last) instanceof IncrementInstruction inc && inc.slot() == slot) return positive(new int[] {last, inc.constant(), -1}, name);
        if (at(last) instanceof StoreInstruction s && s.slot() == slot && last >= 4 && at(last - 1).opcode() == Opcode.IADD) {
            Instruction x = at(last - 3), y = at(last - 2);
            Instruction other = isLoad(x, slot) ? y : isLoad(y, slot) ? x : null;
            if (other instanceof ConstantInstruction c && c.constantValue() instanceof Integer k) return positive(new int[] {last - 3, k, -1}, name);
            if (other instanceof LoadInstruction l && l.typeKind() == TypeKind.INT && l.slot() != slot) return new int[] {last - 3, 0, l.slot()};
        }
        throw code.error(last, "the step of the parallel loop over " + name + " must be " + name + "++, " + name + " += a constant or "
                + name + " += a local variable set before the loop: " + FORM);
    }

    private int[] positive(int[] step, String name) {
        if (step[1] <= 0)
            throw code.error(step[0], "the parallel loop over " + name + " must count up (a positive step, got " + step[1] + "): " + FORM);
        return step;
    }

    /** What the iterations must not do, since each runs on its own work-item. */
    private void checkBody(LoopShape l) {
        Set<Integer> boundLocals = new HashSet<>();
        for (int i = l.header() + 1; i < l.condition(); i++) if (at(i) instanceof LoadInstruction ld) boundLocals.add(ld.slot());
        Set<Integer> declaredBefore = localsAtHeader(l);
        for (int i = l.condition() + 1; i < l.exit(); i++) {
            if (at(i) instanceof ReturnInstruction)
                throw code.error(i, "return inside the parallel loop over " + l.variable() + " (Java would end the whole loop; its iterations run on separate work-items)");
            if (i != l.backEdge())
                for (int t : code.targets(i)) {
                    if (t == l.exit()) throw code.error(i, "break out of the parallel loop over " + l.variable() + " (its iterations run on separate work-items, so none can end the others)");
                    if (!l.contains(t)) throw code.error(i, "jump out of the parallel loop over " + l.variable() + " (a labelled break or continue of an outer loop)");
                }
            int written = written(i);
            if (written < 0 || written == l.slot() && i >= l.increment()) continue;
            if (written == l.slot()) throw code.error(i, "assigns the loop variable " + l.variable() + " inside its parallel loop");
            if (boundLocals.contains(written))
                throw code.error(i, "the bound of the parallel loop over " + l.variable() + " changes inside the loop (" + code.nameAt(written, l.header()) + " is assigned in it)");
            if (written == l.stepSlot())
                throw code.error(i, "the step of the parallel loop over " + l.variable() + " changes inside the loop (" + code.nameAt(written, l.header()) + " is assigned in it)");
            if (declaredBefore.contains(written))
                throw code.error(i, "assigns " + code.nameAt(written, l.header()) + ", a local variable declared before the parallel loop over " + l.variable()
                        + ": the iterations run on separate work-items, so no value carries from one to the next (reductions are not supported)");
        }
        for (int i = 0; i < code.instrs.size(); i++)
            if (i != l.backEdge() && !l.contains(i))
                for (int t : code.targets(i))
                    if (t >= l.header() && t <= l.condition()) throw notALoop(l.init(), l.variable());
    }

    /** A backward jump from after the loop to before it closes a sequential loop around it. */
    private void notInsideSequentialLoop(LoopShape l, Set<Integer> parallelBackEdges) {
        for (int i = l.exit(); i < code.instrs.size(); i++) {
            if (parallelBackEdges.contains(i)) continue;
            for (int t : code.targets(i))
                if (t < l.header())
                    throw code.error(l.init(), "the parallel loop over " + l.variable() + " is inside the sequential loop of line " + code.lines.get(t)
                            + ": every work-item would run that loop; make it a task of its own, or the outer loop parallel too");
        }
    }

    /** Local slots in scope at the loop's header, from the stack map frame javac writes there (the loop variable excluded). */
    private Set<Integer> localsAtHeader(LoopShape l) {
        Set<Integer> slots = new HashSet<>();
        code.attribute().findAttribute(Attributes.stackMapTable()).ifPresent(table -> {
            for (StackMapFrameInfo f : table.entries()) {
                if (code.indexOrEnd(f.target()) != l.header()) continue;
                int slot = 0;
                for (StackMapFrameInfo.VerificationTypeInfo t : f.locals()) {
                    if (t != SimpleVerificationTypeInfo.TOP && slot != l.slot()) slots.add(slot);
                    slot += t == SimpleVerificationTypeInfo.LONG || t == SimpleVerificationTypeInfo.DOUBLE ? 2 : 1;
                }
            }
        });
        return slots;
    }

    private int written(int i) {
        return switch (at(i)) {
            case StoreInstruction s -> s.slot();
            case IncrementInstruction inc -> inc.slot();
            default -> -1;
        };
    }

    private static boolean isLoad(Instruction i, int slot) { return i instanceof LoadInstruction l && l.slot() == slot && l.typeKind() == TypeKind.INT; }

    private Instruction at(int i) { return code.instrs.get(i); }

    private RuntimeException notALoop(int at, String name) {
        return code.error(at, "@Parallel marks " + name + ", which is not the counter of a for loop as javac compiles it: " + FORM);
    }
}
