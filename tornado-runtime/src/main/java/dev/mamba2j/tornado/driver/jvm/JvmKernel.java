package dev.mamba2j.tornado.driver.jvm;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.WorkerGrid;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;

/**
 * A kernel method ready to run on the host: a method handle (no reflection per call), the position
 * of its KernelContext parameter, and whether its work-items need threads for barriers. A
 * loop-parallel method runs once per launch instead, on the caller's thread: its {@code @Parallel}
 * loops run as the Java loops they are, which is the meaning the devices reproduce in parallel.
 */
public final class JvmKernel {
    private final Method method;
    private final MethodHandle workItem;
    private final int contextIndex;
    private final boolean barriers, once;

    JvmKernel(Method method, boolean once) {
        this.once = once;
        this.method = method;
        int ctx = -1;
        Class<?>[] params = method.getParameterTypes();
        for (int i = 0; i < params.length; i++) if (params[i] == KernelContext.class) { ctx = i; break; }
        this.contextIndex = ctx;
        this.workItem = workItemHandle(unreflect(method), ctx);
        this.barriers = BarrierScan.usesBarrier(method);
    }

    public Method method() { return method; }

    /** True for a loop-parallel method, which runs once per launch whatever the grid. */
    public boolean runsOnce() { return once; }

    /** True when the work-items of a group run as threads because the kernel reaches a barrier. */
    public boolean usesBarriers() { return barriers; }

    /**
     * The kernel with every argument but its KernelContext fixed. Binding only packs the other
     * arguments into an array: the method handle is made once per kernel, because the JVM
     * specialises (and keeps) code for each handle that is called often, so one handle per plan
     * would make native memory grow with every plan.
     */
    public Bound bind(Object[] args) {
        if (args.length != method.getParameterCount())
            throw new IllegalArgumentException(name() + " takes " + method.getParameterCount() + " arguments, got " + args.length);
        Object[] others = new Object[args.length - (contextIndex < 0 ? 0 : 1)];
        for (int i = 0, j = 0; i < args.length; i++) if (i != contextIndex) others[j++] = args[i];
        return new Bound(this, others);
    }

    /** Binds and runs every work-item of {@code grid}; returns the elapsed time in ns. */
    public long launch(Object[] args, WorkerGrid grid) { return bind(args).launch(grid); }

    /** A kernel with its arguments bound, launched as often as a plan runs. */
    public record Bound(JvmKernel kernel, Object[] others) {
        /** Runs every work-item of {@code grid}; returns the elapsed time in ns. */
        public long launch(WorkerGrid grid) {
            long start = System.nanoTime();
            if (kernel.once) kernel.runOnce(others);
            else new Launch(this, grid).run();
            return System.nanoTime() - start;
        }
    }

    /** One work-item: {@code (KernelContext ctx, Object[] others) -> kernel(...)}, arguments in their places. */
    MethodHandle workItem() { return workItem; }

    private static MethodHandle workItemHandle(MethodHandle direct, int contextIndex) {
        MethodType type = direct.type();
        int n = type.parameterCount();
        MethodHandle withContextFirst;
        if (contextIndex < 0) {
            withContextFirst = MethodHandles.dropArguments(direct, 0, KernelContext.class);
        } else {
            MethodType reordered = type.dropParameterTypes(contextIndex, contextIndex + 1).insertParameterTypes(0, KernelContext.class);
            int[] order = new int[n];
            for (int i = 0, j = 1; i < n; i++) order[i] = i == contextIndex ? 0 : j++;
            withContextFirst = MethodHandles.permuteArguments(direct, reordered, order);
        }
        int others = withContextFirst.type().parameterCount() - 1;
        MethodType generic = MethodType.genericMethodType(others).changeReturnType(void.class).insertParameterTypes(0, KernelContext.class);
        return withContextFirst.asType(generic).asSpreader(Object[].class, others);
    }

    private void runOnce(Object[] others) {
        try {
            workItem.invokeExact(new KernelContext(), others);
        } catch (Throwable t) {
            throw failure(this, List.of(t), "its one run (a loop-parallel method runs once on the JVM device)");
        }
    }

    String name() { return method.getDeclaringClass().getName() + "." + method.getName(); }

    private static MethodHandle unreflect(Method method) {
        try {
            try {
                return MethodHandles.publicLookup().unreflect(method);
            } catch (IllegalAccessException e) {
                method.setAccessible(true);
                return MethodHandles.lookup().unreflect(method);
            }
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
