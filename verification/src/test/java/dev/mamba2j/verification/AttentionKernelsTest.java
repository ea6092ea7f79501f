package dev.mamba2j.verification;

import dev.mamba2j.kernels.attention.DecodeAttention;
import dev.mamba2j.kernels.attention.FlashAttention;
import dev.mamba2j.kernels.attention.KvCacheWrite;
import dev.mamba2j.ssd.device.RotaryEmbedding;
import dev.mamba2j.tornado.api.Devices;
import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.TaskGraph;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;

/**
 * The hybrid models' attention kernels on every device, against double-precision attention: the
 * rotary embedding with the write of k and v into the cache, then the tiled prefill attention over
 * prompts of different lengths packed together (lengths that are no multiple of any tile, head dims
 * 64, 80 and 128, grouped-query ratios 1, 4 and 8, rotary on all, half or none of each head, both
 * pair layouts); and the split decoding attention over caches filled to different positions; and both
 * with bf16 storage. Outputs are NaN-poisoned before each run.
 */
class AttentionKernelsTest {
    static final double TOLERANCE = 1e-5;

    record Prefill(long seed, int[] lengths, int heads, int kvHeads, int headDim, int rotaryDim, boolean interleaved) {
        @Override public String toString() {
            return "lengths=" + Arrays.toString(lengths) + " heads=" + heads + "/" + kvHeads + " headdim=" + headDim + " rotary=" + rotaryDim
                    + (interleaved ? " interleaved" : "");
        }
    }

    record Decode(long seed, int[] positions, int heads, int kvHeads, int headDim, int context) {
        @Override public String toString() {
            return "positions=" + Arrays.toString(positions) + " heads=" + heads + "/" + kvHeads + " headdim=" + headDim + " context=" + context;
        }
    }

    static final List<Prefill> PREFILL = List.of(
            new Prefill(1, new int[] {1}, 1, 1, 64, 64, false),
            new Prefill(2, new int[] {37, 5, 70}, 4, 1, 64, 32, false),
            new Prefill(3, new int[] {45, 17}, 8, 2, 80, 40, false),
            new Prefill(4, new int[] {33, 50}, 4, 4, 128, 0, false),
            new Prefill(5, new int[] {19, 40}, 8, 1, 128, 128, true));

    static final List<Decode> DECODE = List.of(
            new Decode(11, new int[] {0}, 2, 2, 64, 8),
            new Decode(12, new int[] {77, 3, 300}, 8, 2, 80, 400),
            new Decode(13, new int[] {130, 64}, 8, 1, 128, 200),
            new Decode(14, new int[] {511, 200}, 4, 4, 64, 512));

    /**
     * Every prefill case on every device at the tiles the device gets ({@link FlashAttention.Tiles#forDevice}),
     * and again at 16×32, the tiles of a 48 KiB device at head dimension 128, where the device's choice differs;
     * tiles a device's local memory cannot hold are named on the output (lavapipe's 32 KiB holds head
     * dimensions up to 120, not the 128 of two cases).
     */
    static Stream<Arguments> prefillCases() {
        return Devices.all().stream().flatMap(d -> PREFILL.stream().flatMap(c -> {
            long has = d.largestLocalMemoryBytes();
            FlashAttention.Tiles chosen = FlashAttention.Tiles.forDevice(c.headDim(), has), small = new FlashAttention.Tiles(16, 32);
            return Stream.of(chosen, small).distinct().filter(t -> {
                long needs = t.localBytes(c.headDim());
                if (needs <= has) return true;
                System.out.println("attention prefill not checked on " + d.id() + " for " + c + " at tiles " + t + ": they take " + needs
                        + " bytes of local memory, the device has " + has);
                return false;
            }).map(t -> Arguments.of(d.id(), c, t));
        }));
    }

    static Stream<Arguments> decodeCases() { return Devices.all().stream().flatMap(d -> DECODE.stream().map(c -> Arguments.of(d.id(), c))); }

    @ParameterizedTest(name = "{0} {1} tiles {2}")
    @MethodSource("prefillCases")
    void prefillMatchesTheReference(String device, Prefill c, FlashAttention.Tiles tile) {
        RandomSsdInputs r = new RandomSsdInputs(c.seed());
        int batch = c.lengths().length, rows = Arrays.stream(c.lengths()).sum(), d = c.headDim();
        int context = Arrays.stream(c.lengths()).max().orElseThrow() + 3;
        int qWidth = c.heads() * d, kvWidth = c.kvHeads() * d, width = qWidth + 2 * kvWidth;
        float[] qkv = r.normal((long) rows * width);
        for (int i = 0; i < qkv.length; i++) qkv[i] *= 2; // scores of a few units: the running max moves between tiles
        double base = 10000;
        float[][] tables = c.rotaryDim() == 0 ? new float[][] {{0f}, {0f}} : new RotaryEmbedding(c.rotaryDim(), base, c.interleaved(), 0).tables(context);
        int[] seqIdx = new int[rows], seqStart = new int[batch + 1], position = new int[rows];
        for (int s = 0, at = 0; s < batch; s++) {
            seqStart[s] = at;
            for (int t = 0; t < c.lengths()[s]; t++, at++) {
                seqIdx[at] = s;
                position[at] = t;
            }
            seqStart[s + 1] = at;
        }
        FloatArray qkvA = FloatArray.fromArray(qkv), cos = FloatArray.fromArray(tables[0]), sin = FloatArray.fromArray(tables[1]);
        IntArray seqIdxA = IntArray.fromArray(seqIdx), seqStartA = IntArray.fromArray(seqStart), zero = new IntArray(batch);
        FloatArray q = new FloatArray(rows * qWidth), kCache = new FloatArray(batch * context * kvWidth),
                vCache = new FloatArray(batch * context * kvWidth), o = new FloatArray(rows * qWidth);
        o.init(Float.NaN);
        kCache.init(Float.NaN);
        vCache.init(Float.NaN);
        int tiles = tile.count(context - 3);
        KernelContext ctx = new KernelContext();
        TaskGraph g = new TaskGraph("g").transferToDevice(EVERY_EXECUTION, qkvA, cos, sin, seqIdxA, seqStartA, zero, q, kCache, vCache, o)
                .task("rope", KvCacheWrite::rotaryToCache, ctx, qkvA, cos, sin, seqIdxA, seqStartA, zero, q, kCache, vCache, rows, c.heads(),
                        c.kvHeads(), d, c.rotaryDim(), c.interleaved(), context)
                .task("attn", FlashAttention::prefill, ctx, q, kCache, vCache, o, seqStartA, c.heads(), c.kvHeads(), d, context, tile.query(),
                        tile.key(), tiles, (float) (1 / Math.sqrt(d)), false)
                .transferToHost(EVERY_EXECUTION, o, kCache);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device)
                .withGrid("rope", WorkerGrid.of2D(width, rows).setLocalWork(32, 1))
                .withGrid("attn", WorkerGrid.of1D(FlashAttention.THREADS * tiles * c.heads() * batch).setLocalWork(FlashAttention.THREADS))) {
            plan.execute();
        }

        double[] qRef = columns(qkv, rows, width, 0, qWidth), kRef = columns(qkv, rows, width, qWidth, kvWidth),
                vRef = columns(qkv, rows, width, qWidth + kvWidth, kvWidth);
        if (c.rotaryDim() > 0) {
            qRef = AttentionReference.rotate(qRef, position, c.heads(), d, c.rotaryDim(), base, c.interleaved());
            kRef = AttentionReference.rotate(kRef, position, c.kvHeads(), d, c.rotaryDim(), base, c.interleaved());
        }
        double[] ref = AttentionReference.packed(qRef, kRef, vRef, c.lengths(), c.heads(), c.kvHeads(), d, 1 / Math.sqrt(d));
        SsdAgreementTest.assertClose(c, device + " o", RelativeError.of(o.toHeapArray(), ref), TOLERANCE);

        float[] kGot = new float[rows * kvWidth];
        float[] kAll = kCache.toHeapArray();
        for (int row = 0; row < rows; row++)
            System.arraycopy(kAll, (seqIdx[row] * context + position[row]) * kvWidth, kGot, row * kvWidth, kvWidth);
        SsdAgreementTest.assertClose(c, device + " k cache", RelativeError.of(kGot, kRef), TOLERANCE);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("decodeCases")
    void decodeMatchesTheReference(String device, Decode c) {
        RandomSsdInputs r = new RandomSsdInputs(c.seed());
        int batch = c.positions().length, d = c.headDim(), kvWidth = c.kvHeads() * d, qWidth = c.heads() * d;
        float[] k = r.normal((long) batch * c.context() * kvWidth), v = r.normal((long) batch * c.context() * kvWidth),
                query = r.normal((long) batch * qWidth);
        for (int i = 0; i < query.length; i++) query[i] *= 3;
        int split = DecodeAttention.split(c.context()), splits = DecodeAttention.splits(c.context(), split);
        FloatArray q = FloatArray.fromArray(query), kCache = FloatArray.fromArray(k), vCache = FloatArray.fromArray(v),
                partials = new FloatArray(Math.toIntExact(DecodeAttention.partialSize(batch, c.heads(), splits, d))), o = new FloatArray(batch * qWidth);
        IntArray positions = IntArray.fromArray(c.positions());
        partials.init(Float.NaN);
        o.init(Float.NaN);
        float scale = (float) (1 / Math.sqrt(d));
        KernelContext ctx = new KernelContext();
        TaskGraph g = new TaskGraph("g").transferToDevice(EVERY_EXECUTION, q, kCache, vCache, positions, partials, o)
                .task("partial", DecodeAttention::partial, ctx, q, kCache, vCache, positions, partials, c.heads(), c.kvHeads(), d,
                        c.context(), split, splits, scale)
                .task("combine", DecodeAttention::combine, ctx, partials, positions, o, c.heads(), d, split, splits)
                .transferToHost(EVERY_EXECUTION, o);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device)
                .withGrid("partial", WorkerGrid.of1D(DecodeAttention.THREADS * splits * c.kvHeads() * batch).setLocalWork(DecodeAttention.THREADS))
                .withGrid("combine", WorkerGrid.of1D(d * c.heads() * batch).setLocalWork(d))) {
            plan.execute();
        }
        double[] ref = decodeReference(c, query, k, v);
        SsdAgreementTest.assertClose(c, device + " o", RelativeError.of(o.toHeapArray(), ref), TOLERANCE);
    }

    /**
     * The prefill kernel over a bf16 cache (TF32 products) against double attention of the same bf16 values:
     * exact inputs, so the fp32 bound holds on a device without matrix units; on tensor cores q and P are
     * rounded to TF32, hence the looser bound there.
     */
    @ParameterizedTest(name = "{0} {1} tiles {2}")
    @MethodSource("prefillCases")
    void bf16PrefillMatchesTheReference(String device, Prefill c, FlashAttention.Tiles tile) {
        RandomSsdInputs r = new RandomSsdInputs(c.seed() + 100);
        int batch = c.lengths().length, rows = Arrays.stream(c.lengths()).sum(), d = c.headDim();
        int context = Arrays.stream(c.lengths()).max().orElseThrow() + 1;
        int qWidth = c.heads() * d, kvWidth = c.kvHeads() * d;
        float[] q = bf16(r.normal((long) rows * qWidth), 2), k = bf16(r.normal((long) batch * context * kvWidth), 2),
                v = bf16(r.normal((long) batch * context * kvWidth), 1);
        int[] seqStart = new int[batch + 1];
        for (int s = 0; s < batch; s++) seqStart[s + 1] = seqStart[s] + c.lengths()[s];
        FloatArray qA = FloatArray.fromArray(q);
        BFloat16Array kA = BFloat16Array.fromArray(k), vA = BFloat16Array.fromArray(v);
        IntArray seqStartA = IntArray.fromArray(seqStart);
        FloatArray o = new FloatArray(rows * qWidth);
        o.init(Float.NaN);
        int tiles = tile.count(context - 1);
        TaskGraph g = new TaskGraph("g").transferToDevice(EVERY_EXECUTION, qA, kA, vA, seqStartA, o)
                .task("attn", FlashAttention::prefillBf16, new KernelContext(), qA, kA, vA, o, seqStartA, c.heads(), c.kvHeads(), d, context,
                        tile.query(), tile.key(), tiles, (float) (1 / Math.sqrt(d)), true)
                .transferToHost(EVERY_EXECUTION, o);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device)
                .withGrid("attn", WorkerGrid.of1D(FlashAttention.THREADS * tiles * c.heads() * batch).setLocalWork(FlashAttention.THREADS))) {
            plan.execute();
        }
        // the caches' rows of each sequence, packed like q
        double[] kRef = new double[rows * kvWidth], vRef = new double[rows * kvWidth];
        for (int s = 0; s < batch; s++)
            for (int t = 0; t < c.lengths()[s]; t++)
                for (int j = 0; j < kvWidth; j++) {
                    kRef[(seqStart[s] + t) * kvWidth + j] = k[(s * context + t) * kvWidth + j];
                    vRef[(seqStart[s] + t) * kvWidth + j] = v[(s * context + t) * kvWidth + j];
                }
        double[] ref = AttentionReference.packed(columns(q, rows, qWidth, 0, qWidth), kRef, vRef, c.lengths(), c.heads(), c.kvHeads(), d,
                1 / Math.sqrt(d));
        boolean matrixUnits = Devices.get(device).backend() == dev.mamba2j.tornado.api.Backend.CUDA || Devices.get(device).name().contains("NVIDIA");
        SsdAgreementTest.assertClose(c, device + " bf16 o", RelativeError.of(o.toHeapArray(), ref), matrixUnits ? 2e-3 : TOLERANCE);
    }

    /** The bf16-cache decoding kernel against double attention of the same bf16 keys and values. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("decodeCases")
    void bf16DecodeMatchesTheReference(String device, Decode c) {
        RandomSsdInputs r = new RandomSsdInputs(c.seed() + 100);
        int batch = c.positions().length, d = c.headDim(), kvWidth = c.kvHeads() * d, qWidth = c.heads() * d;
        float[] k = bf16(r.normal((long) batch * c.context() * kvWidth), 1), v = bf16(r.normal((long) batch * c.context() * kvWidth), 1),
                query = r.normal((long) batch * qWidth);
        for (int i = 0; i < query.length; i++) query[i] *= 3;
        int split = DecodeAttention.split(c.context()), splits = DecodeAttention.splits(c.context(), split);
        FloatArray q = FloatArray.fromArray(query), partials = new FloatArray(Math.toIntExact(DecodeAttention.partialSize(batch, c.heads(), splits, d))),
                o = new FloatArray(batch * qWidth);
        BFloat16Array kCache = BFloat16Array.fromArray(k), vCache = BFloat16Array.fromArray(v);
        IntArray positions = IntArray.fromArray(c.positions());
        partials.init(Float.NaN);
        o.init(Float.NaN);
        KernelContext ctx = new KernelContext();
        TaskGraph g = new TaskGraph("g").transferToDevice(EVERY_EXECUTION, q, kCache, vCache, positions, partials, o)
                .task("partial", DecodeAttention::partialBf16, ctx, q, kCache, vCache, positions, partials, c.heads(), c.kvHeads(), d,
                        c.context(), split, splits, (float) (1 / Math.sqrt(d)))
                .task("combine", DecodeAttention::combine, ctx, partials, positions, o, c.heads(), d, split, splits)
                .transferToHost(EVERY_EXECUTION, o);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device)
                .withGrid("partial", WorkerGrid.of1D(DecodeAttention.THREADS * splits * c.kvHeads() * batch).setLocalWork(DecodeAttention.THREADS))
                .withGrid("combine", WorkerGrid.of1D(d * c.heads() * batch).setLocalWork(d))) {
            plan.execute();
        }
        SsdAgreementTest.assertClose(c, device + " bf16 o", RelativeError.of(o.toHeapArray(), decodeReference(c, query, k, v)), TOLERANCE);
    }

    /** softmax(q·kᵀ/√d)·v of each sequence's new token over cache positions 0 … positions[s], in double. */
    static double[] decodeReference(Decode c, float[] query, float[] k, float[] v) {
        int batch = c.positions().length, d = c.headDim(), ratio = c.heads() / c.kvHeads();
        double[] ref = new double[batch * c.heads() * d];
        for (int s = 0; s < batch; s++)
            for (int h = 0; h < c.heads(); h++) {
                int len = c.positions()[s] + 1;
                double[] p = new double[len];
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int j = 0; j < len; j++) {
                    double dot = 0;
                    for (int e = 0; e < d; e++) dot += (double) query[(s * c.heads() + h) * d + e] * k[((s * c.context() + j) * c.kvHeads() + h / ratio) * d + e];
                    p[j] = dot / Math.sqrt(d);
                    max = Math.max(max, p[j]);
                }
                for (int j = 0; j < len; j++) sum += p[j] = Math.exp(p[j] - max);
                for (int j = 0; j < len; j++)
                    for (int e = 0; e < d; e++) ref[(s * c.heads() + h) * d + e] += p[j] / sum * v[((s * c.context() + j) * c.kvHeads() + h / ratio) * d + e];
            }
        return ref;
    }

    /** The values times {@code by}, rounded to bf16. */
    static float[] bf16(float[] a, float by) {
        for (int i = 0; i < a.length; i++) a[i] *= by;
        return BFloat16Array.fromArray(a).toHeapArray();
    }

    /** Columns [from, from + count) of a (rows, width) matrix, widened. */
    static double[] columns(float[] m, int rows, int width, int from, int count) {
        double[] out = new double[rows * count];
        for (int r = 0; r < rows; r++) for (int j = 0; j < count; j++) out[r * count + j] = m[r * width + from + j];
        return out;
    }
}
