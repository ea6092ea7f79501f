/**
 * A model's config.json, Hugging Face or state-spaces, read into one {@link dev.mamba2j.model.config.ModelConfig}:
 * sizes, the Mamba-2 mixer ({@link dev.mamba2j.model.config.SsmConfig}), the attention mixer where some layers
 * have one ({@link dev.mamba2j.model.config.AttentionConfig}) and the list of blocks
 * ({@link dev.mamba2j.model.config.LayerSpec}). Errors are {@link dev.mamba2j.model.config.ConfigException}s
 * naming the file and the field.
 */
package dev.mamba2j.model.config;
