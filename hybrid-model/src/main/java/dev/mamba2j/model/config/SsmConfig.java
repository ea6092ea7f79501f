package dev.mamba2j.model.config;

/**
 * The Mamba-2 mixer of every SSM layer. Each component names its source fields as
 * <em>state-spaces</em> ({@code ssm_cfg} of mamba_ssm's config.json) / <em>Hugging Face</em>
 * (transformers' {@code Mamba2Config}).
 *
 * <p>The mixer projects the hidden state to {@code [z, x, B, C, dt]} ({@link #inProjSize()} values),
 * runs a depthwise causal convolution over {@code [x, B, C]} ({@link #convDim()} channels), the SSD
 * scan over {@link #numHeads()} heads of {@link #headDim()} channels whose B and C come from
 * {@link #nGroups()} groups of {@link #stateSize()} values, then the gated RMSNorm and the output
 * projection.
 *
 * @param stateSize    N, the state size per head: {@code d_state} / {@code state_size}
 * @param numHeads     heads: {@code intermediate / headdim} / {@code num_heads}
 * @param headDim      channels per head: {@code headdim} / {@code head_dim}
 * @param nGroups      groups of heads sharing B and C: {@code ngroups} / {@code n_groups}
 * @param intermediate channels of x and z: {@code expand * d_model} / {@code expand * hidden_size}
 * @param convKernel   width of the causal convolution: {@code d_conv} / {@code conv_kernel}
 * @param chunkSize    SSD chunk length the model was trained with: {@code chunk_size} (both)
 * @param projBias     in_proj and out_proj have biases: {@code bias} / {@code use_bias}
 * @param convBias     the convolution has a bias: {@code conv_bias} / {@code use_conv_bias}
 * @param dHasHeadDim  D has one value per channel ({@code intermediate}) rather than per head:
 *                     {@code D_has_hdim} / always false
 * @param gatedNorm    y is normalised by RMSNorm(y * silu(z)) with its own weight; when false, z
 *                     gates y directly: {@code rmsnorm} / always true (transformers always has it)
 * @param gatedNormEps the gated RMSNorm's epsilon: fixed 1e-5 in mamba_ssm / {@code layer_norm_epsilon}
 * @param dtMin        lower clamp of dt after softplus: {@code dt_limit[0]} / {@code time_step_limit[0]}
 * @param dtMax        upper clamp, may be infinite: {@code dt_limit[1]} / {@code time_step_limit[1]}
 */
public record SsmConfig(int stateSize, int numHeads, int headDim, int nGroups, int intermediate,
                        int convKernel, int chunkSize, boolean projBias, boolean convBias,
                        boolean dHasHeadDim, boolean gatedNorm, double gatedNormEps,
                        double dtMin, double dtMax) {

    /** @throws IllegalArgumentException if sizes are not positive or do not fit together */
    public SsmConfig {
        if (stateSize <= 0 || numHeads <= 0 || headDim <= 0 || nGroups <= 0 || intermediate <= 0
                || convKernel <= 0 || chunkSize <= 0)
            throw new IllegalArgumentException("SSM sizes must be positive: " + sizes(stateSize, numHeads, headDim, nGroups, intermediate, convKernel, chunkSize));
        if ((long) numHeads * headDim != intermediate)
            throw new IllegalArgumentException("numHeads * headDim must equal intermediate: " + numHeads + " * " + headDim + " != " + intermediate);
        if (numHeads % nGroups != 0)
            throw new IllegalArgumentException("numHeads " + numHeads + " is not a multiple of nGroups " + nGroups);
        if (!(gatedNormEps > 0) || Double.isNaN(dtMin) || Double.isNaN(dtMax) || dtMin > dtMax)
            throw new IllegalArgumentException("bad gatedNormEps " + gatedNormEps + " or dt range [" + dtMin + ", " + dtMax + "]");
        if ((long) intermediate + 2L * nGroups * stateSize + intermediate + numHeads > Integer.MAX_VALUE)
            throw new IllegalArgumentException("in_proj size overflows an int");
    }

    /** Channels through the convolution, {@code [x, B, C]}: intermediate + 2 * nGroups * stateSize. */
    public int convDim() { return intermediate + 2 * nGroups * stateSize; }

    /** Outputs of in_proj, {@code [z, x, B, C, dt]}: 2 * intermediate + 2 * nGroups * stateSize + numHeads. */
    public int inProjSize() { return intermediate + convDim() + numHeads; }

    /** Heads that read one group's B and C. */
    public int headsPerGroup() { return numHeads / nGroups; }

    private static String sizes(int n, int h, int p, int g, int i, int k, int c) {
        return "stateSize=" + n + " numHeads=" + h + " headDim=" + p + " nGroups=" + g + " intermediate=" + i
                + " convKernel=" + k + " chunkSize=" + c;
    }
}
