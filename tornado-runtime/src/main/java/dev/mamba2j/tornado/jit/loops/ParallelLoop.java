package dev.mamba2j.tornado.jit.loops;

/**
 * A {@code @Parallel} loop as the JIT mapped it: iteration {@code g} of grid dimension
 * {@code dimension} runs with the loop variable {@code start + g * step}, if that is still below the
 * bound. Start, step and bound are the values they have before the loop, as expressions over the
 * task's arguments, so that the runtime can size the grid from them.
 *
 * @param where     the loop's source position, {@code pkg.Cls.method(Cls.java:12)}
 * @param dimension 0 (x) for the innermost loop of the nest, 1 (y), 2 (z) outwards
 * @param inclusive true for {@code i <= bound}, false for {@code i < bound}
 */
public record ParallelLoop(String variable, String where, int dimension, HostExpr start, HostExpr step, HostExpr bound,
                           boolean inclusive) {

    /** Why the host cannot count the iterations before a launch, or null if it can. */
    public String uncountableReason() {
        for (String[] part : new String[][] {{"start", reason(start)}, {"step", reason(step)}, {"bound", reason(bound)}})
            if (part[1] != null) return "its " + part[0] + " " + part[1];
        return null;
    }

    /**
     * The number of iterations for these task arguments; only when {@link #uncountableReason()} is null.
     * Throws IllegalArgumentException for a step that is not positive.
     */
    public long tripCount(Object[] args) {
        long from = start.eval(args), by = step.eval(args), to = bound.eval(args);
        if (by <= 0)
            throw new IllegalArgumentException("the parallel loop over " + variable + " at " + where + " has step " + by
                    + " with these arguments; it must count up (a positive step)");
        long span = inclusive ? to - from + 1 : to - from;
        return span <= 0 ? 0 : (span + by - 1) / by;
    }

    private static String reason(HostExpr e) { return e.unknownReason(); }
}
