/**
 * Dense linear-algebra kernels used as yardsticks by the benchmarks: a copy (memory bandwidth) and
 * a tiled fp32 matrix product (FLOP rate), small enough to read next to what they measure.
 */
package dev.mamba2j.kernels.linalg;
