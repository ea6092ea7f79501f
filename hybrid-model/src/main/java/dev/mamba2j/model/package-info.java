/**
 * Language models built from Mamba-2 layers. {@code config} reads a model's config.json, {@code weights}
 * its tensors, {@code tokenizer} its tokenizer.json; {@code layers} are the device pieces of a forward
 * pass and {@code generate} turns a forward into text.
 */
package dev.mamba2j.model;
