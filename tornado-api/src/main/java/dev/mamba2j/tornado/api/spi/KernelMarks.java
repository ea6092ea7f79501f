package dev.mamba2j.tornado.api.spi;

import dev.mamba2j.tornado.api.annotations.Kernel;
import dev.mamba2j.tornado.api.annotations.Parallel;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.TypeAnnotation;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What marks a method as a kernel: {@code @Kernel} (either name), or a {@code @Parallel} loop
 * variable in its own code. The latter is a type annotation on a local variable, which reflection
 * cannot see; javac records it in the Code attribute of the method, so it is read from the class file.
 */
public final class KernelMarks {
    private static final String PARALLEL = Parallel.class.descriptorString();
    private static final ConcurrentHashMap<Method, Boolean> PARALLEL_LOOPS = new ConcurrentHashMap<>();

    private KernelMarks() {}

    /** True if the method carries {@code @Kernel} or has a {@code @Parallel} loop. */
    public static boolean isMarked(Method m) {
        return m.isAnnotationPresent(Kernel.class) || m.isAnnotationPresent(dev.mamba2j.tornado.api.Kernel.class) || hasParallelLoop(m);
    }

    /** True if a local variable of the method's own code is annotated {@code @Parallel}. */
    public static boolean hasParallelLoop(Method m) { return PARALLEL_LOOPS.computeIfAbsent(m, KernelMarks::scan); }

    private static boolean scan(Method m) {
        CodeModel code = code(m);
        if (code == null) return false;
        return code.findAttribute(Attributes.runtimeVisibleTypeAnnotations()).stream()
                .flatMap(a -> a.annotations().stream())
                .anyMatch(a -> a.targetInfo() instanceof TypeAnnotation.LocalVarTarget
                        && a.annotation().className().equalsString(PARALLEL));
    }

    private static CodeModel code(Method m) {
        Class<?> owner = m.getDeclaringClass();
        String descriptor = MethodType.methodType(m.getReturnType(), m.getParameterTypes()).descriptorString();
        try (InputStream in = owner.getResourceAsStream("/" + owner.getName().replace('.', '/') + ".class")) {
            if (in == null) return null;
            for (MethodModel mm : ClassFile.of().parse(in.readAllBytes()).methods())
                if (mm.methodName().equalsString(m.getName()) && mm.methodType().equalsString(descriptor)) return mm.code().orElse(null);
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
