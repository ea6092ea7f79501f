package dev.mamba2j.tornado.jit.loops;

import dev.mamba2j.tornado.api.arrays.NativeArray;

/**
 * An int or long value of a kernel that the host can compute from the task's arguments alone: what a
 * parallel loop's start, step and bound are made of when the grid is taken from the loop. Arithmetic
 * follows the IR's (Java's, with division by zero giving 0 as on devices), so the host and the device
 * agree. {@link Unknown} is a value the host cannot compute, with the reason.
 */
public sealed interface HostExpr {
    /** Operators over int (or long, when {@code wide}) values. */
    enum Op { ADD, SUB, MUL, DIV, REM, AND, OR, XOR, SHL, SHR, USHR, MIN, MAX }

    record Constant(long value) implements HostExpr {}

    /** A scalar parameter's value (int or long). */
    record Argument(int javaIndex) implements HostExpr {}

    /** The element count of an array parameter ({@code getSize()}). */
    record Length(int javaIndex) implements HostExpr {}

    record Negate(HostExpr a, boolean wide) implements HostExpr {}

    /** long to int (truncates) or int to long ({@code wide}). */
    record Convert(HostExpr a, boolean wide) implements HostExpr {}

    record Binary(Op op, HostExpr a, HostExpr b, boolean wide) implements HostExpr {}

    /** A value the host cannot compute; {@code reason} completes "it ...". */
    record Unknown(String reason) implements HostExpr {}

    /** Why this cannot be computed on the host, or null if it can. */
    default String unknownReason() {
        return switch (this) {
            case Unknown u -> u.reason;
            case Negate n -> n.a.unknownReason();
            case Convert c -> c.a.unknownReason();
            case Binary b -> b.a.unknownReason() != null ? b.a.unknownReason() : b.b.unknownReason();
            default -> null;
        };
    }

    /** The value for these task arguments; only when {@link #unknownReason()} is null. */
    default long eval(Object[] args) {
        return switch (this) {
            case Constant c -> c.value;
            case Argument a -> ((Number) args[a.javaIndex]).longValue();
            case Length l -> ((NativeArray) args[l.javaIndex]).getSize();
            case Negate n -> n.wide ? -n.a.eval(args) : -(int) n.a.eval(args);
            case Convert c -> c.wide ? c.a.eval(args) : (int) c.a.eval(args);
            case Binary b -> b.wide ? wide(b.op, b.a.eval(args), b.b.eval(args)) : narrow(b.op, (int) b.a.eval(args), (int) b.b.eval(args));
            case Unknown u -> throw new IllegalStateException("not computable on the host: it " + u.reason);
        };
    }

    private static long narrow(Op op, int a, int b) {
        return switch (op) {
            case ADD -> a + b; case SUB -> a - b; case MUL -> a * b;
            case DIV -> b == 0 ? 0 : a / b; case REM -> b == 0 ? 0 : a % b;
            case AND -> a & b; case OR -> a | b; case XOR -> a ^ b;
            case SHL -> a << b; case SHR -> a >> b; case USHR -> a >>> b;
            case MIN -> Math.min(a, b); case MAX -> Math.max(a, b);
        };
    }

    private static long wide(Op op, long a, long b) {
        return switch (op) {
            case ADD -> a + b; case SUB -> a - b; case MUL -> a * b;
            case DIV -> b == 0 ? 0 : a / b; case REM -> b == 0 ? 0 : a % b;
            case AND -> a & b; case OR -> a | b; case XOR -> a ^ b;
            case SHL -> a << b; case SHR -> a >> b; case USHR -> a >>> b;
            case MIN -> Math.min(a, b); case MAX -> Math.max(a, b);
        };
    }
}
