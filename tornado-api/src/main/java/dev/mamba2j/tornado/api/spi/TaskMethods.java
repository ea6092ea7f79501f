package dev.mamba2j.tornado.api.spi;

import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the static method behind a serializable method reference. The compiler gives every
 * serializable lambda a {@code writeReplace} that returns a {@link SerializedLambda} naming the
 * implementation method; that is the only portable way to see it.
 */
public final class TaskMethods {
    private static final ConcurrentHashMap<Class<?>, Method> CACHE = new ConcurrentHashMap<>();

    private TaskMethods() {}

    public static Method resolve(Object methodReference) {
        if (methodReference == null) throw new IllegalArgumentException("task method is null");
        return CACHE.computeIfAbsent(methodReference.getClass(), c -> lookup(methodReference));
    }

    private static Method lookup(Object ref) {
        SerializedLambda lambda = serialized(ref);
        if (lambda.getImplMethodKind() != MethodHandleInfo.REF_invokeStatic)
            throw new IllegalArgumentException("task method " + lambda.getImplClass().replace('/', '.') + "::" + lambda.getImplMethodName()
                    + " must be a static method");
        if (lambda.getImplMethodName().startsWith("lambda$"))
            throw new IllegalArgumentException("tasks take a method reference to a static kernel method (Kernels::add), not a lambda expression ("
                    + lambda.getImplClass().replace('/', '.') + "." + lambda.getImplMethodName() + ")");
        if (lambda.getCapturedArgCount() != 0)
            throw new IllegalArgumentException("task method reference must not capture values");
        try {
            ClassLoader loader = ref.getClass().getClassLoader();
            Class<?> owner = Class.forName(lambda.getImplClass().replace('/', '.'), false, loader);
            MethodType type = MethodType.fromMethodDescriptorString(lambda.getImplMethodSignature(), loader);
            return owner.getDeclaredMethod(lambda.getImplMethodName(), type.parameterArray());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot find task method " + lambda.getImplClass() + "." + lambda.getImplMethodName(), e);
        }
    }

    private static SerializedLambda serialized(Object ref) {
        try {
            Method writeReplace = ref.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            if (writeReplace.invoke(ref) instanceof SerializedLambda lambda) return lambda;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("task method must be a method reference such as Kernels::add (" + ref.getClass().getName() + ")", e);
        }
        throw new IllegalArgumentException("task method must be a method reference such as Kernels::add (" + ref.getClass().getName() + ")");
    }
}
