package dev.mamba2j.tornado.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A non-terminating instruction. Each writes at most one variable ({@link #dst()}, null if none);
 * operand types follow Java's rules (both operands of a Binary have the destination's type, except
 * shift counts, which are INT).
 */
public sealed interface Instr {
    /** dst = src (same type). */
    record Move(Var dst, Operand src) implements Instr {}

    /** dst = -a (INT/LONG wrap, floating negation flips the sign bit). */
    record Neg(Var dst, Operand a) implements Instr {}

    /** dst = a op b; see {@link BinOp} for semantics. */
    record Binary(Var dst, BinOp op, Operand a, Operand b) implements Instr {}

    /** dst (BOOL) = a op b; a and b have the same type. */
    record Compare(Var dst, CmpOp op, Operand a, Operand b) implements Instr {}

    /** dst = cond ? ifTrue : ifFalse, both evaluated already (cond BOOL; dst not BOOL). */
    record Select(Var dst, Operand cond, Operand ifTrue, Operand ifFalse) implements Instr {}

    /**
     * Java primitive conversion from src's type to dst's type: int/long to float/double and double to
     * float round to nearest even; float/double to int/long truncates toward zero and saturates, and
     * maps NaN to 0 before lowering; after lowering NaN gives an unspecified value (the lowering
     * selects 0 for NaN around it), so a printer uses the target's saturating truncation as it is.
     */
    record Convert(Var dst, Operand src) implements Instr {}

    /** Reinterprets bits: INT to/from FLOAT, LONG to/from DOUBLE (Float.floatToRawIntBits etc.). */
    record Bitcast(Var dst, Operand src) implements Instr {}

    /** dst = fn(args) in dst's type. */
    record Call(Var dst, MathFn fn, List<Operand> args) implements Instr {}

    /** dst (INT) = the work-item's id or a launch size in dimension dim. */
    record Query(Var dst, WorkItem what, int dim) implements Instr {}

    /** dst = array[index], widened from the element type (HALF, BF16 -> FLOAT). */
    record Load(Var dst, ArrayRef array, Operand index) implements Instr {}

    /** array[index] = value, rounded to the element type (FLOAT -> HALF, BF16: nearest even). */
    record Store(ArrayRef array, Operand index, Operand value) implements Instr {}

    /** dst (INT) = element count of array (a device parameter for GLOBAL arrays). */
    record Length(Var dst, ArrayRef array) implements Instr {}

    /**
     * Creates a LOCAL or PRIVATE array of size elements. Printers declare the array at kernel scope and
     * print nothing here; size must be a Const by then. Java zeroes new private arrays: the front end
     * emits that as explicit stores after the Alloc.
     */
    record Alloc(ArrayRef array, Operand size) implements Instr {}

    /** Work-group barrier with a local-memory fence. */
    record Barrier() implements Instr {}

    /** dst (may be null) = old array[index]; array[index] += value atomically (INT, FLOAT; GLOBAL or LOCAL). */
    record AtomicAdd(Var dst, ArrayRef array, Operand index, Operand value) implements Instr {}

    /**
     * c[i·ldc + j] += Σ_l a[i·lda + l]·b[l·ldb + j] for i < m, j < n, over LOCAL float arrays, by the
     * whole work-group: a barrier before and after ({@code KernelContext.localGemm}). Where tf32 (BOOL,
     * a constant or a value uniform over the work-group) is true the products may round their inputs to
     * TF32 ({@code localGemmTf32}); otherwise fp32 accuracy. A variable tf32 keeps the barriers outside
     * any branch: printers choose between the two products inside the operation.
     */
    record Gemm(Operand m, Operand n, Operand k, ArrayRef a, Operand lda, ArrayRef b, Operand ldb, ArrayRef c, Operand ldc,
                Operand tf32) implements Instr {}

    default Var dst() {
        return switch (this) {
            case Move m -> m.dst;
            case Neg n -> n.dst;
            case Binary b -> b.dst;
            case Compare c -> c.dst;
            case Select c -> c.dst;
            case Convert c -> c.dst;
            case Bitcast c -> c.dst;
            case Call c -> c.dst;
            case Query q -> q.dst;
            case Load l -> l.dst;
            case Length l -> l.dst;
            case AtomicAdd a -> a.dst;
            case Store s -> null;
            case Alloc a -> null;
            case Barrier b -> null;
            case Gemm g -> null;
        };
    }

    /** Operands read, in order. */
    default List<Operand> uses() {
        return switch (this) {
            case Move m -> List.of(m.src);
            case Neg n -> List.of(n.a);
            case Binary b -> List.of(b.a, b.b);
            case Compare c -> List.of(c.a, c.b);
            case Select c -> List.of(c.cond, c.ifTrue, c.ifFalse);
            case Convert c -> List.of(c.src);
            case Bitcast c -> List.of(c.src);
            case Call c -> c.args;
            case Load l -> List.of(l.index);
            case Store s -> List.of(s.index, s.value);
            case Alloc a -> List.of(a.size);
            case AtomicAdd a -> List.of(a.index, a.value);
            case Query q -> List.of();
            case Length l -> List.of();
            case Barrier b -> List.of();
            case Gemm g -> List.of(g.m, g.n, g.k, g.lda, g.ldb, g.ldc, g.tf32);
        };
    }

    /** True if the instruction must stay even when its result is unused. */
    default boolean hasEffect() {
        return this instanceof Store || this instanceof Alloc || this instanceof Barrier || this instanceof AtomicAdd
                || this instanceof Gemm;
    }

    /** The same instruction with every operand passed through f (the destination is kept). */
    default Instr mapOperands(UnaryOperator<Operand> f) {
        return switch (this) {
            case Move m -> new Move(m.dst, f.apply(m.src));
            case Neg n -> new Neg(n.dst, f.apply(n.a));
            case Binary b -> new Binary(b.dst, b.op, f.apply(b.a), f.apply(b.b));
            case Compare c -> new Compare(c.dst, c.op, f.apply(c.a), f.apply(c.b));
            case Select c -> new Select(c.dst, f.apply(c.cond), f.apply(c.ifTrue), f.apply(c.ifFalse));
            case Convert c -> new Convert(c.dst, f.apply(c.src));
            case Bitcast c -> new Bitcast(c.dst, f.apply(c.src));
            case Call c -> {
                List<Operand> args = new ArrayList<>();
                for (Operand a : c.args) args.add(f.apply(a));
                yield new Call(c.dst, c.fn, List.copyOf(args));
            }
            case Load l -> new Load(l.dst, l.array, f.apply(l.index));
            case Store s -> new Store(s.array, f.apply(s.index), f.apply(s.value));
            case Alloc a -> new Alloc(a.array, f.apply(a.size));
            case AtomicAdd a -> new AtomicAdd(a.dst, a.array, f.apply(a.index), f.apply(a.value));
            case Query q -> q;
            case Length l -> l;
            case Barrier b -> b;
            case Gemm g -> new Gemm(f.apply(g.m), f.apply(g.n), f.apply(g.k), g.a, f.apply(g.lda), g.b, f.apply(g.ldb),
                    g.c, f.apply(g.ldc), f.apply(g.tf32));
        };
    }

    /** The same instruction writing d instead (only for instructions that have a destination). */
    default Instr withDst(Var d) {
        return switch (this) {
            case Move m -> new Move(d, m.src);
            case Neg n -> new Neg(d, n.a);
            case Binary b -> new Binary(d, b.op, b.a, b.b);
            case Compare c -> new Compare(d, c.op, c.a, c.b);
            case Select c -> new Select(d, c.cond, c.ifTrue, c.ifFalse);
            case Convert c -> new Convert(d, c.src);
            case Bitcast c -> new Bitcast(d, c.src);
            case Call c -> new Call(d, c.fn, c.args);
            case Query q -> new Query(d, q.what, q.dim);
            case Load l -> new Load(d, l.array, l.index);
            case Length l -> new Length(d, l.array);
            case AtomicAdd a -> new AtomicAdd(d, a.array, a.index, a.value);
            default -> throw new IllegalArgumentException(this + " has no destination");
        };
    }

    /** The array this instruction touches, or null (also for a Gemm, which touches three LOCAL arrays). */
    default ArrayRef array() {
        return switch (this) {
            case Load l -> l.array;
            case Store s -> s.array;
            case Length l -> l.array;
            case Alloc a -> a.array;
            case AtomicAdd a -> a.array;
            default -> null;
        };
    }
}
