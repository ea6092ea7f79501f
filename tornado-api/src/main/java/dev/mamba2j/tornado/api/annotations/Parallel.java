package dev.mamba2j.tornado.api.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the variable of a loop whose iterations are independent, so that a device runs them in
 * parallel: {@code for (@Parallel int i = 0; i < n; i++) c.set(i, a.get(i) + b.get(i));}. Up to three
 * such loops may be nested (a 2D or 3D grid). A task method in this style takes no KernelContext.
 *
 * <p>A type annotation, so that javac records it in the class file (with the variable's slot and live
 * range), where the JIT reads it; reflection cannot see annotations on local variables. The rules
 * for the loops and their grids are in {@code docs/runtime.md}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE_USE)
public @interface Parallel {}
