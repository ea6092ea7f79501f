package dev.mamba2j.tornado.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method written in the kernel subset of Java, to be JIT-compiled for devices: the
 * same mark as {@link dev.mamba2j.tornado.api.annotations.Kernel}, kept under this name so that
 * existing imports compile. Either one satisfies the rule that a task method is marked.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Kernel {}
