/**
 * Annotations of kernel code, in the package where TornadoVM keeps its own ({@code @Parallel}), so
 * that a kernel ports by changing its imports.
 */
package dev.mamba2j.tornado.api.annotations;
