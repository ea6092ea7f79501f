package dev.mamba2j.tornado.api.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method written in the kernel subset of Java, to be JIT-compiled for devices. A task
 * method must carry it (or {@link dev.mamba2j.tornado.api.Kernel}, the same mark under its first
 * name) unless it contains a {@link Parallel} loop.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Kernel {}
