package dev.mamba2j.tornado.ir;

/**
 * Math functions; the operand and result type is the destination's (FLOAT or DOUBLE; ABS, MIN and
 * MAX also INT and LONG).
 *
 * <p>Before lowering each is the {@code java.lang.Math} method of its name, with Java's results for
 * every input: MIN/MAX return NaN if either input is NaN and order -0.0 below +0.0; integer ABS of
 * MIN_VALUE is MIN_VALUE; POW has Java's special cases (pow(1, NaN) and pow(±1, ±Inf) are NaN);
 * RINT rounds half to even; COPYSIGN(m, s) is m with the sign bit of s (Math.copySign, NaN's sign bit
 * included). EXP2_APPROX and LOG2_APPROX (FLOAT only) are 2^x and log2(x) as the target's fast
 * hardware approximation computes them (PTX {@code ex2.approx.f32}, {@code lg2.approx.f32}: relative
 * error 2^-22 for ex2, absolute 2^-22.6 for lg2; a target without such hardware may print the exact
 * function). EXP, LOG, TANH, SIN, COS and POW are accurate to the target's documented bounds; the rest
 * are exact.
 *
 * <p>After lowering ({@link MathTarget}, {@link Function#loweredFor()}) only functions the target has
 * remain, and these change meaning: floating MIN/MAX are IEEE minNum/maxNum (a NaN operand gives the
 * other operand; min/max of -0.0 and +0.0 is either), POW is the target's pow (C's special cases),
 * and integer ABS does not occur (it is a compare, a wrapping negation and a select).
 */
public enum MathFn {
    EXP(1), LOG(1), SQRT(1), TANH(1), SIN(1), COS(1), FLOOR(1), CEIL(1), ABS(1), POW(2), MIN(2), MAX(2), FMA(3),
    RINT(1), COPYSIGN(2), EXP2_APPROX(1), LOG2_APPROX(1);

    private final int arity;

    MathFn(int arity) { this.arity = arity; }

    public int arity() { return arity; }
}
