/**
 * The SSD (state space duality) forward as device kernels: the four steps of the chunked algorithm
 * plus the chunk cumsum before them, and the one-token recurrent step for decoding.
 *
 * <p>Layouts (row-major, as the reference implementation): x and z (batch, L, heads, headdim);
 * dt (batch, L, heads); A, dt_bias (heads); B, C (batch, L, groups, d_state); states
 * (batch, heads, headdim, d_state); seq_idx (batch, L). Intermediates: dt after bias, softplus and
 * clamp, and the within-chunk cumulative sum of dt·A, both (batch, heads, chunks, chunk) with zero
 * padding past L; C·Bᵀ (batch, chunks, groups, chunk, chunk); chunk states and the states entering
 * each chunk (batch, chunks, heads, headdim, d_state).
 *
 * <p>With seq_idx, the decay between two tokens of different sequences is zero: a state restarts
 * at a sequence boundary (from the initial state only for the batch's first sequence).
 */
package dev.mamba2j.kernels.ssd;
