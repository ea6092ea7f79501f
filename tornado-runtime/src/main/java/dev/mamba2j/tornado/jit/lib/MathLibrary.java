package dev.mamba2j.tornado.jit.lib;

import dev.mamba2j.tornado.ir.MathFn;
import dev.mamba2j.tornado.ir.MathTarget;
import dev.mamba2j.tornado.ir.Type;

import java.lang.reflect.Method;

/**
 * The device math library: which Java method computes a function, or Java's floating %, for a target
 * that lacks it. The methods are kernel-subset Java, compiled by the JIT like a kernel's helpers and
 * inlined by the lowering. float exp, log and tanh run on the hardware's approximations where the
 * target has them (EXP2_APPROX, LOG2_APPROX); every other float function is the double one of the
 * widened operands, rounded, which is what Java's {@code (float) Math.f(x)} computes. The library's
 * own code calls only fma, abs, rint, copySign and (FastFloat) the approximations,
 * which a target must have for the library to serve it: nothing it inlines asks for more inlining.
 */
public final class MathLibrary {
    private MathLibrary() {}

    /** The method computing fn on operands of type t (FLOAT or DOUBLE) for target, or null if the library has none. */
    public static Method function(MathFn fn, Type t, MathTarget target) {
        Class<?> p = t == Type.FLOAT ? float.class : double.class;
        boolean fast = t == Type.FLOAT && target.has(MathFn.EXP2_APPROX, t) && target.has(MathFn.LOG2_APPROX, t);
        return switch (fn) {
            case EXP -> lookup(fast ? FastFloat.class : Exponential.class, "exp", p);
            case LOG -> lookup(fast ? FastFloat.class : Logarithm.class, "log", p);
            case TANH -> lookup(fast ? FastFloat.class : Exponential.class, "tanh", p);
            case SIN -> lookup(Trigonometric.class, "sin", p);
            case COS -> lookup(Trigonometric.class, "cos", p);
            case POW -> lookup(Power.class, "pow", p, p);
            default -> null;
        };
    }

    /** The method computing Java's x % y on type t (FLOAT or DOUBLE). */
    public static Method remainder(Type t) {
        Class<?> p = t == Type.FLOAT ? float.class : double.class;
        return lookup(Remainder.class, "fmod", p, p);
    }

    private static Method lookup(Class<?> c, String name, Class<?>... params) {
        try {
            return c.getDeclaredMethod(name, params);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the math library has no " + c.getSimpleName() + "." + name, e);
        }
    }
}
