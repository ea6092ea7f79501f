package dev.mamba2j.tornado.ir;

/** Address spaces of arrays. */
public enum Space {
    /** Off-heap array parameters (device buffers). */
    GLOBAL,
    /** Work-group arrays from {@code KernelContext.allocate*LocalArray}. */
    LOCAL,
    /** Per-work-item arrays from {@code new float[N]}. */
    PRIVATE
}
