package dev.mamba2j.tornado.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.function.UnaryOperator;

/** How a block ends. Targets are block ids. Control flow is unstructured. */
public sealed interface Terminator {
    record Jump(int target) implements Terminator {}

    /** cond is a BOOL operand. */
    record Branch(Operand cond, int ifTrue, int ifFalse) implements Terminator {}

    /** Jumps to targets[i] where value (INT) == keys[i] (keys distinct), else to otherwise. */
    record Switch(Operand value, List<Integer> keys, List<Integer> targets, int otherwise) implements Terminator {}

    /** Leaves the kernel. */
    record Return() implements Terminator {}

    default List<Integer> successors() {
        return switch (this) {
            case Jump j -> List.of(j.target);
            case Branch b -> List.of(b.ifTrue, b.ifFalse);
            case Switch s -> {
                List<Integer> all = new ArrayList<>(s.targets);
                all.add(s.otherwise);
                yield all;
            }
            case Return r -> List.of();
        };
    }

    default List<Operand> uses() {
        return switch (this) {
            case Branch b -> List.of(b.cond);
            case Switch s -> List.of(s.value);
            default -> List.of();
        };
    }

    default Terminator mapOperands(UnaryOperator<Operand> f) {
        return switch (this) {
            case Branch b -> new Branch(f.apply(b.cond), b.ifTrue, b.ifFalse);
            case Switch s -> new Switch(f.apply(s.value), s.keys, s.targets, s.otherwise);
            default -> this;
        };
    }

    default Terminator retarget(IntUnaryOperator f) {
        return switch (this) {
            case Jump j -> new Jump(f.applyAsInt(j.target));
            case Branch b -> new Branch(b.cond, f.applyAsInt(b.ifTrue), f.applyAsInt(b.ifFalse));
            case Switch s -> new Switch(s.value, s.keys, s.targets.stream().map(f::applyAsInt).toList(), f.applyAsInt(s.otherwise));
            case Return r -> r;
        };
    }
}
