package dev.mamba2j.tornado.api.spi;

import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.NativeArray;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;

/**
 * A task as declared: its graph-qualified name, its static method and the captured arguments,
 * checked when the graph is built: the method must be marked as a kernel ({@link KernelMarks}) and
 * the arguments must fit its parameters.
 */
public record TaskSpec(String graph, String name, Method method, Object[] args) {
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
            float.class, Float.class, double.class, Double.class, boolean.class, Boolean.class);

    public static TaskSpec of(String graph, String name, Object methodReference, Object[] args) {
        Method method = TaskMethods.resolve(methodReference);
        Object[] copy = args == null ? new Object[] {null} : args.clone();
        check(graph + "." + name, method, copy);
        return new TaskSpec(graph, name, method, copy);
    }

    /** {@code graph.task}, the name plans use. */
    public String qualifiedName() { return graph + "." + name; }

    public String methodName() { return method.getDeclaringClass().getSimpleName() + "." + method.getName(); }

    private static void check(String task, Method method, Object[] args) {
        if (!Modifier.isStatic(method.getModifiers()))
            throw new IllegalArgumentException("task " + task + ": " + method + " must be static");
        Class<?>[] params = method.getParameterTypes();
        String where = "task " + task + " (" + method.getDeclaringClass().getName() + "." + method.getName() + ")";
        if (!KernelMarks.isMarked(method))
            throw new IllegalArgumentException(where + ": a task method must be a kernel: annotate it @Kernel "
                    + "(dev.mamba2j.tornado.api.annotations.Kernel), or write its parallel loops as for (@Parallel int i = ...)");
        if (params.length != args.length)
            throw new IllegalArgumentException(where + " takes " + params.length + " arguments, got " + args.length);
        for (int i = 0; i < params.length; i++) {
            Class<?> p = params[i];
            Object a = args[i];
            boolean ok;
            if (p.isPrimitive()) ok = a != null && BOXES.containsKey(p) && BOXES.get(p) == a.getClass();
            else if (p == KernelContext.class || NativeArray.class.isAssignableFrom(p)) ok = p.isInstance(a);
            else throw new IllegalArgumentException(where + ": parameter " + i + " has type " + p.getName()
                    + ", which kernels cannot take (use KernelContext, off-heap arrays, int, long, float, double or boolean)");
            if (!ok)
                throw new IllegalArgumentException(where + ": argument " + i + " must be " + p.getName() + ", got "
                        + (a == null ? "null" : a.getClass().getName() + " " + a));
        }
    }
}
