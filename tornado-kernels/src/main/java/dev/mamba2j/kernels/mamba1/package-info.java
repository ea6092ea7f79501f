/**
 * Mamba-1's selective scan, the baseline the SSD is measured against: the fused forward, one
 * work-item per (batch, channel) with the state in registers, walking the sequence in order.
 *
 * <p>Layouts (row-major, the reference's adapted to channels last, as the SSD kernels): u, delta,
 * z, y (batch, L, d); A (d, d_state); B, C (batch, L, groups, d_state); D, delta_bias (d); last
 * state (batch, d, d_state).
 */
package dev.mamba2j.kernels.mamba1;
