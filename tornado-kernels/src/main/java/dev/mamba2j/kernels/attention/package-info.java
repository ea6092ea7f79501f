/**
 * Attention for hybrid models and for the attention side of the throughput study: causal
 * attention forward, tiled with an online softmax in fp32, and the rotary embedding of q and k.
 *
 * <p>Layouts (row-major): q, k, v, o (batch, L, heads, headdim); rotary cos and sin tables
 * (positions, rotary_dim / 2).
 */
package dev.mamba2j.kernels.attention;
