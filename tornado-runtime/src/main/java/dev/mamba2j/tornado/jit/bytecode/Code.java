package dev.mamba2j.tornado.jit.bytecode;

import dev.mamba2j.tornado.api.KernelCompilationException;

import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.LocalVariable;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.ThrowInstruction;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One method's bytecode as a list of instructions with their bci and source line, the block
 * leaders, and the local variable names; also formats the location of a refusal.
 */
final class Code {
    final Class<?> owner;
    final MethodModel method;
    final List<Instruction> instrs = new ArrayList<>();
    final List<Integer> bcis = new ArrayList<>();
    final List<Integer> lines = new ArrayList<>();
    final Map<Integer, String> slotNames = new HashMap<>();
    private final List<LocalVariable> variables = new ArrayList<>();
    private final Map<Integer, Integer> indexOfBci = new HashMap<>();
    private final CodeAttribute attr;
    final boolean[] leader;

    Code(Class<?> owner, MethodModel method) {
        this.owner = owner;
        this.method = method;
        CodeModel code = method.code().orElseThrow(() -> new KernelCompilationException(
                owner.getName() + "." + method.methodName().stringValue() + ": abstract or native method is not supported in kernels"));
        this.attr = (CodeAttribute) code;
        int bci = 0, line = -1;
        for (CodeElement e : code) {
            switch (e) {
                case LineNumber ln -> line = ln.line();
                case LocalVariable lv -> {
                    slotNames.putIfAbsent(lv.slot(), lv.name().stringValue());
                    variables.add(lv);
                }
                case Instruction ins -> {
                    indexOfBci.put(bci, instrs.size());
                    instrs.add(ins);
                    bcis.add(bci);
                    lines.add(line);
                    bci += ins.sizeInBytes();
                }
                default -> {}
            }
        }
        leader = new boolean[instrs.size() + 1];
        leader[0] = true;
        for (int i = 0; i < instrs.size(); i++) {
            List<Integer> targets = targets(i);
            for (int t : targets) leader[t] = true;
            if (!targets.isEmpty() || instrs.get(i) instanceof ReturnInstruction || instrs.get(i) instanceof ThrowInstruction) leader[i + 1] = true;
        }
        if (method.flags().has(AccessFlag.SYNCHRONIZED)) throw unsupported(0, "synchronized method");
        for (int i = 0; i < instrs.size(); i++) // synchronized blocks also have handlers; name the monitor first
            if (instrs.get(i) instanceof MonitorInstruction) throw unsupported(i, "synchronization (synchronized block)");
        if (!code.exceptionHandlers().isEmpty())
            throw unsupported(indexOf(code.exceptionHandlers().getFirst().tryStart()), "exception handler (try/catch/finally)");
    }

    private static List<Label> withDefault(List<SwitchCase> cases, Label dflt) {
        List<Label> all = new ArrayList<>();
        for (SwitchCase c : cases) all.add(c.target());
        all.add(dflt);
        return all;
    }

    int indexOf(Label l) { return indexOfBci.get(attr.labelToBci(l)); }

    /** The index of the instruction at a label, {@code instrs.size()} for the end of the code, or -1. */
    int indexOrEnd(Label l) {
        int bci = attr.labelToBci(l);
        if (bci == attr.codeLength()) return instrs.size();
        return indexOfBci.getOrDefault(bci, -1);
    }

    /** The name of the variable in {@code slot} at instruction {@code index} (javac reuses slots), else the slot's first name. */
    String nameAt(int slot, int index) {
        for (LocalVariable lv : variables)
            if (lv.slot() == slot && indexOrEnd(lv.startScope()) <= index && index < indexOrEnd(lv.endScope())) return lv.name().stringValue();
        return slotNames.getOrDefault(slot, "#" + slot);
    }

    /** The parsed Code attribute, for its own attributes (type annotations, stack maps). */
    CodeAttribute attribute() { return attr; }

    /** The branch targets of instruction i (empty if it is no branch or switch). */
    List<Integer> targets(int i) {
        List<Label> labels = switch (instrs.get(i)) {
            case BranchInstruction b -> List.of(b.target());
            case TableSwitchInstruction t -> withDefault(t.cases(), t.defaultTarget());
            case LookupSwitchInstruction l -> withDefault(l.cases(), l.defaultTarget());
            default -> List.of();
        };
        return labels.stream().map(this::indexOf).toList();
    }

    String methodName() { return method.methodName().stringValue(); }

    /** "pkg.Cls.method(Cls.java:42) bci 17" */
    String where(int index) {
        int bci = index < bcis.size() ? bcis.get(index) : 0;
        return source(index) + " bci " + bci;
    }

    /** "pkg.Cls.method(Cls.java:42)" */
    String source(int index) {
        int line = index < lines.size() ? lines.get(index) : -1;
        String src = ClassFiles.sourceFile(owner) + (line >= 0 ? ":" + line : "");
        return owner.getName() + "." + methodName() + "(" + src + ")";
    }

    KernelCompilationException unsupported(int index, String construct) {
        return new KernelCompilationException(where(index) + ": " + construct + " is not supported in kernels");
    }

    KernelCompilationException error(int index, String message) {
        return new KernelCompilationException(where(index) + ": " + message);
    }

    static boolean isGoto(Instruction i) { return i.opcode() == Opcode.GOTO || i.opcode() == Opcode.GOTO_W; }
}
