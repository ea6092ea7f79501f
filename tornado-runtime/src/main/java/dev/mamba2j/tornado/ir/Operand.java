package dev.mamba2j.tornado.ir;

/** An instruction input: a variable or a constant. */
public sealed interface Operand permits Var, Const {
    Type type();
}
