package dev.mamba2j.tornado.jit.lib;

/**
 * The hardware's fast float approximations, as the library's Java calls them: the JIT turns these
 * calls into {@code MathFn.EXP2_APPROX} and {@code LOG2_APPROX} (PTX {@code ex2.approx.f32},
 * {@code lg2.approx.f32}). On the host, where the library is tested, they are the exact functions
 * rounded to float, with the same special values (exp2: -Inf to 0, +Inf to +Inf; log2: 0 to -Inf,
 * below 0 to NaN).
 */
final class Approx {
    private Approx() {}

    static float exp2(float x) { return (float) StrictMath.pow(2, x); }

    static float log2(float x) { return (float) (StrictMath.log(x) / StrictMath.log(2)); }
}
