/**
 * The device kernels of a Mamba-2 language model besides SSD: embedding gather, the blocks' residual add
 * and RMSNorm, the mixer's causal conv1d (prefill and decode) and gated RMSNorm, column copies out of the
 * in_proj output, and sampling (greedy and temperature / top-k / top-p). The linear layers are in
 * {@code linalg} ({@code Linear}, {@code LinearDecode}).
 *
 * <p>Conventions: activations are fp32, row-major (tokens, features); the tokens of a batch of sequences are
 * packed one after another, with {@code seqStart} (cu_seqlens: batch + 1 offsets) where sequence boundaries
 * matter. Weights are row-major as PyTorch stores them. Each kernel's javadoc gives its formula and grid;
 * {@link dev.mamba2j.kernels.nn.KernelMath} holds what they share (SiLU, work-group reductions).
 */
package dev.mamba2j.kernels.nn;
