package dev.mamba2j.model.config;

import java.util.OptionalDouble;

/**
 * The multi-head attention mixer of the layers listed in state-spaces {@code attn_layer_idx}, read
 * from {@code attn_cfg} (mamba_ssm's {@code MHA}); defaults are MHA's. This release reads it so a
 * later attention layer slots in; running such layers is refused by the model, not here.
 *
 * @param numHeads          query heads: {@code num_heads} (required when attention layers exist)
 * @param numHeadsKv        key/value heads (GQA when fewer): {@code num_heads_kv}, default num_heads
 * @param headDim           channels per head: {@code head_dim}, default d_model / num_heads
 * @param rotaryDim         channels of each head that get rotary embeddings, 0 for none: {@code rotary_emb_dim}
 * @param rotaryBase        rotary frequency base: {@code rotary_emb_base}, default 10000
 * @param rotaryInterleaved rotary pairs are adjacent channels rather than halves: {@code rotary_emb_interleaved}
 * @param qkvBias           in_proj has a bias: {@code qkv_proj_bias}, default true
 * @param outBias           out_proj has a bias: {@code out_proj_bias}, default true
 * @param causal            causal masking: {@code causal}, default false (language models set true)
 * @param softmaxScale      scale of q·k, empty for 1/sqrt(headDim): {@code softmax_scale}
 * @param convKernel        width of a causal convolution over q, k, v, 0 for none: {@code d_conv}
 * @param mlpDim            width of the MLP fused into in_proj, rounded up to a multiple of 256 as
 *                          MHA does: {@code mlp_dim}, default 0
 */
public record AttentionConfig(int numHeads, int numHeadsKv, int headDim, int rotaryDim, double rotaryBase,
                              boolean rotaryInterleaved, boolean qkvBias, boolean outBias, boolean causal,
                              OptionalDouble softmaxScale, int convKernel, int mlpDim) {

    /** @throws IllegalArgumentException if sizes are out of range */
    public AttentionConfig {
        if (numHeads <= 0 || numHeadsKv <= 0 || headDim <= 0 || numHeads % numHeadsKv != 0)
            throw new IllegalArgumentException("attention heads " + numHeads + " / kv heads " + numHeadsKv + " / head dim " + headDim);
        if (rotaryDim < 0 || rotaryDim > headDim || convKernel < 0 || mlpDim < 0 || mlpDim % 256 != 0)
            throw new IllegalArgumentException("attention rotaryDim " + rotaryDim + " / convKernel " + convKernel + " / mlpDim " + mlpDim);
    }

    /** Outputs of q, k and v together: headDim * (numHeads + 2 * numHeadsKv). */
    public int qkvDim() { return headDim * (numHeads + 2 * numHeadsKv); }

    /** Rows of in_proj: {@link #qkvDim()} + mlpDim. */
    public int inProjSize() { return qkvDim() + mlpDim; }

    /** Columns of out_proj: headDim * numHeads + mlpDim / 2. */
    public int outProjInputs() { return headDim * numHeads + mlpDim / 2; }
}
