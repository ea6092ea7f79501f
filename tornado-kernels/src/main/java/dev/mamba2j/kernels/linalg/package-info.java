/**
 * Dense linear algebra: the linear layers of the language models ({@code Linear}, tiled on
 * {@code KernelContext.localGemm} for many rows; {@code LinearDecode}, bandwidth-bound on the weights for
 * few rows), and the yardsticks of the benchmarks: a copy (memory bandwidth) and a tiled fp32 matrix
 * product (FLOP rate), small enough to read next to what they measure.
 */
package dev.mamba2j.kernels.linalg;
