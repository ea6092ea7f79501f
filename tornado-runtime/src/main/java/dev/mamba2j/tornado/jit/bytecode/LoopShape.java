package dev.mamba2j.tornado.jit.bytecode;

/**
 * One {@code @Parallel} loop as javac compiles {@code for (int i = start; i < bound; i += step) body}:
 * indices into {@link Code#instrs}.
 *
 * <pre>
 *   init:      istore i            (after start's instructions)
 *   header:    iload i             (then bound's instructions)
 *   condition: if_icmpge exit      (if_icmpgt for <=; ifge/ifgt against 0)
 *              body
 *   increment: iinc i, step        (or iload i; step; iadd; istore i)
 *   backEdge:  goto header
 *   exit:
 * </pre>
 *
 * @param stepSlot  the local holding the step, or -1 when the step is {@code stepConstant}
 * @param dimension the grid dimension: 0 (x) for the innermost loop of the nest, then y, then z
 */
record LoopShape(int slot, String variable, int init, int header, int condition, int increment, int backEdge, int exit,
                 int stepConstant, int stepSlot, boolean inclusive, int dimension) {

    LoopShape withDimension(int d) {
        return new LoopShape(slot, variable, init, header, condition, increment, backEdge, exit, stepConstant, stepSlot, inclusive, d);
    }

    /** True if instruction index {@code i} is in the body or the increment (after the condition, before the exit). */
    boolean contains(int i) { return i > condition && i < exit; }
}
