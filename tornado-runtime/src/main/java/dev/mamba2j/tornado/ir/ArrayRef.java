package dev.mamba2j.tornado.ir;

/**
 * An array a kernel touches. GLOBAL arrays are kernel parameters ({@code javaIndex} is the Java
 * parameter index); LOCAL and PRIVATE arrays are created by an {@link Instr.Alloc}, which printers
 * hoist to kernel scope (its size is a constant once the passes have run). Identity is {@code id}.
 */
public record ArrayRef(int id, Space space, ElemType elem, String name, int javaIndex) {
    @Override public String toString() { return name; }
}
