package dev.mamba2j.tornado.jit.bytecode;

import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.Operand;

/**
 * What the front end knows about an operand-stack entry or a reference local. References are
 * resolved at compile time: every array reference names one ArrayRef.
 */
sealed interface StackValue {
    /** A primitive value. */
    record Prim(Operand op) implements StackValue {}

    /** An array: an off-heap parameter, a local or a private array. */
    record Arr(ArrayRef array) implements StackValue {}

    /** The KernelContext. */
    record Ctx() implements StackValue {}

    /** The int result of lcmp/fcmpl/fcmpg/dcmpl/dcmpg, kept symbolic until the following if consumes it. */
    record Cmp3(Operand a, Operand b, int nanResult) implements StackValue {}

    default int slots() { return this instanceof Prim p && p.op().type().isWide() ? 2 : 1; }
}
