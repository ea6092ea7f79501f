/**
 * Attention for hybrid models and for the attention side of the throughput study: causal
 * attention forward, tiled with an online softmax in fp32, and the rotary embedding of q and k
 * ({@code CausalAttention}, {@code Rotary}); and the hybrid models' kernels: the rotary embedding with
 * the write of k and v into a KV cache ({@code KvCacheWrite}), FlashAttention-style prefill over packed
 * prompts on {@code localGemm} with grouped-query heads ({@code FlashAttention}), and decoding attention
 * split along the cache ({@code DecodeAttention}).
 *
 * <p>Layouts (row-major): q, k, v, o (batch, L, heads, headdim); rotary cos and sin tables
 * (positions, rotary_dim / 2).
 */
package dev.mamba2j.kernels.attention;
