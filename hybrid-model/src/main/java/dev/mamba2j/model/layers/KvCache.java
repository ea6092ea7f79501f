package dev.mamba2j.model.layers;

import dev.mamba2j.kernels.attention.DecodeAttention;
import dev.mamba2j.model.config.AttentionConfig;
import dev.mamba2j.model.config.LayerSpec;
import dev.mamba2j.model.config.ModelConfig;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import dev.mamba2j.tornado.api.arrays.NativeArray;

import java.util.List;

/**
 * The keys and values of every attention layer, resident on the device: per layer a k and a v cache of
 * (batch, context, kvHeads, headDim), fp32 or bf16 (half the memory and half the bytes a decoding step
 * reads), sized from the context the plan was asked for (prompt plus generated tokens). Alongside: the rotary cos/sin tables for every position of the context, the position
 * each sequence's next token takes ({@code positions}, sent by the host each step), the index arrays
 * that make one decoding row per sequence, and the decoding attention's per-split partials.
 * Empty (no arrays) for a model without attention layers.
 *
 * @param k          per layer, the keys (batch, context, kvHeads, headDim) of an fp32 cache; null for Mamba-2
 *                   layers and for a bf16 cache
 * @param v          per layer, the values, like k
 * @param k16        per layer, the keys of a bf16 cache, else null
 * @param v16        per layer, the values of a bf16 cache, else null
 * @param positions  each sequence's position for the next decoding step, set by the plan before each step
 * @param split      cache positions per split of the decoding attention, {@code splits} of them
 */
public record KvCache(int batch, int context, FloatArray[] k, FloatArray[] v, BFloat16Array[] k16, BFloat16Array[] v16,
                      IntArray positions, IntArray stepSeqIdx,
                      IntArray stepSeqStart, IntArray zeroBase, FloatArray cos, FloatArray sin, FloatArray partials,
                      int split, int splits) {

    /** @param bf16 store keys and values as bf16, else fp32 */
    public static KvCache of(ModelConfig config, int batch, int context, boolean bf16) {
        if (context < 1) throw new IllegalArgumentException("context must be at least 1 token, got " + context);
        int layers = config.numLayers();
        FloatArray[] k = new FloatArray[layers], v = new FloatArray[layers];
        BFloat16Array[] k16 = new BFloat16Array[layers], v16 = new BFloat16Array[layers];
        IntArray seqIdx = new IntArray(batch), seqStart = new IntArray(batch + 1);
        for (int s = 0; s <= batch; s++) {
            if (s < batch) seqIdx.set(s, s);
            seqStart.set(s, s);
        }
        if (config.attention().isEmpty())
            return new KvCache(batch, context, k, v, k16, v16, new IntArray(batch), seqIdx, seqStart, new IntArray(batch), new FloatArray(1),
                    new FloatArray(1), new FloatArray(1), 1, 1);
        AttentionConfig a = config.attention().get();
        long perLayer = (long) batch * context * a.numHeadsKv() * a.headDim();
        if (perLayer > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException("a KV cache of batch " + batch + " × context " + context + " × " + a.numHeadsKv() + " kv heads × "
                    + a.headDim() + " channels (" + perLayer + " values per layer) is more than one device array holds (2^31)");
        for (LayerSpec l : config.layers())
            if (l.mixer() == LayerSpec.Mixer.ATTENTION && bf16) {
                k16[l.index()] = new BFloat16Array((int) perLayer);
                v16[l.index()] = new BFloat16Array((int) perLayer);
            } else if (l.mixer() == LayerSpec.Mixer.ATTENTION) {
                k[l.index()] = new FloatArray((int) perLayer);
                v[l.index()] = new FloatArray((int) perLayer);
            }
        FloatArray cos = new FloatArray(1), sin = new FloatArray(1);
        int half = a.rotaryDim() / 2;
        if (half > 0) {
            cos = new FloatArray(Math.multiplyExact(context, half));
            sin = new FloatArray(Math.multiplyExact(context, half));
            for (int p = 0; p < context; p++)
                for (int i = 0; i < half; i++) {
                    double angle = p * Math.pow(a.rotaryBase(), -2.0 * i / a.rotaryDim());
                    cos.set(p * half + i, (float) Math.cos(angle));
                    sin.set(p * half + i, (float) Math.sin(angle));
                }
        }
        int split = DecodeAttention.split(context), splits = DecodeAttention.splits(context, split);
        FloatArray partials = new FloatArray(Math.toIntExact(DecodeAttention.partialSize(batch, a.numHeads(), splits, a.headDim())));
        return new KvCache(batch, context, k, v, k16, v16, new IntArray(batch), seqIdx, seqStart, new IntArray(batch), cos, sin, partials,
                split, splits);
    }

    /** Whether the model has attention layers (else nothing here is used). */
    public boolean present() { return partials.getSize() > 1; }

    /** Whether keys and values are stored as bf16. */
    public boolean bf16() { return java.util.Arrays.stream(k16).anyMatch(a -> a != null); }

    /** Device bytes of the k and v caches of every layer. */
    public long cacheBytes() {
        long n = 0;
        for (FloatArray a : k) if (a != null) n += 2L * a.getSize() * Float.BYTES;
        for (BFloat16Array a : k16) if (a != null) n += 2L * a.getSize() * Short.BYTES;
        return n;
    }

    /** Device bytes of everything here: caches, rotary tables, partials. */
    public long bytes() { return cacheBytes() + ((long) cos.getSize() + sin.getSize() + partials.getSize()) * Float.BYTES; }

    /** The arrays the upload sends once (the index arrays and the rotary tables; the caches are written on the device). */
    public List<NativeArray> constants() { return List.of(stepSeqIdx, stepSeqStart, zeroBase, cos, sin); }
}
