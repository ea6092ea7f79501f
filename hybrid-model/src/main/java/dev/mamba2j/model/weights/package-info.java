/**
 * A model's tensors: {@link dev.mamba2j.model.weights.WeightFiles#open} finds and maps
 * model.safetensors, sharded safetensors or a torch.save pytorch_model.bin;
 * {@link dev.mamba2j.model.weights.ModelWeights#open} checks every tensor a
 * {@link dev.mamba2j.model.config.ModelConfig} needs ({@link dev.mamba2j.model.weights.ExpectedTensors}) and
 * serves them by canonical name ({@link dev.mamba2j.model.weights.TensorNames}) as
 * {@link dev.mamba2j.model.weights.Tensor} views that convert to the device arrays. Errors are
 * {@link dev.mamba2j.model.weights.WeightException}s naming the file and the tensor.
 */
package dev.mamba2j.model.weights;
