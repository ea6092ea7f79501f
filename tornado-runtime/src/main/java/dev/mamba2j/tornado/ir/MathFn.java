package dev.mamba2j.tornado.ir;

/**
 * Math functions; the operand and result type is the destination's (FLOAT or DOUBLE; ABS, MIN and
 * MAX also INT and LONG). MIN/MAX return NaN if either input is NaN, as Java does.
 */
public enum MathFn {
    EXP(1), LOG(1), SQRT(1), TANH(1), SIN(1), COS(1), FLOOR(1), CEIL(1), ABS(1), POW(2), MIN(2), MAX(2), FMA(3);

    private final int arity;

    MathFn(int arity) { this.arity = arity; }

    public int arity() { return arity; }
}
