package dev.mamba2j.tornado.driver.jvm;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.WorkerGrid;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.List;

/**
 * A kernel method ready to run on the host: a spread method handle (no reflection per call), the
 * position of its KernelContext parameter, and whether its work-items need threads for barriers.
 */
public final class JvmKernel {
    private final Method method;
    private final MethodHandle invoker;
    private final int contextIndex;
    private final boolean barriers;

    JvmKernel(Method method) {
        this.method = method;
        this.invoker = spreadInvoker(method);
        int ctx = -1;
        Class<?>[] params = method.getParameterTypes();
        for (int i = 0; i < params.length; i++) if (params[i] == KernelContext.class) { ctx = i; break; }
        this.contextIndex = ctx;
        this.barriers = BarrierScan.usesBarrier(method);
    }

    public Method method() { return method; }

    /** True when the work-items of a group run as threads because the kernel reaches a barrier. */
    public boolean usesBarriers() { return barriers; }

    /** Runs every work-item of {@code grid}; returns the elapsed time in ns. */
    public long launch(Object[] args, WorkerGrid grid) {
        long start = System.nanoTime();
        new Launch(this, args, grid).run();
        return System.nanoTime() - start;
    }

    /** Runs one work-item; {@code args} already holds its KernelContext. */
    void invoke(Object[] args) throws Throwable {
        invoker.invokeExact(args);
    }

    int contextIndex() { return contextIndex; }

    String name() { return method.getDeclaringClass().getName() + "." + method.getName(); }

    private static MethodHandle spreadInvoker(Method method) {
        try {
            MethodHandle mh;
            try {
                mh = MethodHandles.publicLookup().unreflect(method);
            } catch (IllegalAccessException e) {
                method.setAccessible(true);
                mh = MethodHandles.lookup().unreflect(method);
            }
            int n = method.getParameterCount();
            return mh.asType(mh.type().generic().changeReturnType(void.class)).asSpreader(Object[].class, n);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("cannot call kernel method " + method + ": " + e.getMessage(), e);
        }
    }

    /** Failures of work-items, reported with the first one's ids. */
    static RuntimeException failure(JvmKernel kernel, List<Throwable> errors, String where) {
        Throwable first = errors.getFirst();
        RuntimeException e = new RuntimeException("kernel " + kernel.name() + " failed at " + where + ": " + first, first);
        for (Throwable t : errors.subList(1, Math.min(errors.size(), 4))) e.addSuppressed(t);
        return e;
    }
}
