package dev.mamba2j.tornado.jit;

import dev.mamba2j.tornado.api.Kernel;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.arrays.BFloat16Array;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.HalfArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/** Kernels in the supported subset; each compiles, and its OpenCL C must be accepted by a real compiler. */
public final class SampleKernels {
    static final int TILE = 16;
    static final float EPS = 1e-5f;

    private SampleKernels() {}

    @Kernel
    public static void addFloat(KernelContext ctx, FloatArray a, FloatArray b, FloatArray c, int n) {
        int i = ctx.globalIdx;
        if (i < n) c.set(i, a.get(i) + b.get(i));
    }

    @Kernel
    public static void intOps(KernelContext ctx, IntArray a, IntArray b, IntArray out) {
        int i = ctx.globalIdx;
        if (i >= out.getSize()) return;
        int x = a.get(i), y = b.get(i);
        out.set(i, (x * y + x / y - x % y) ^ (x << y) ^ (x >> 3) ^ (x >>> y) | (x & 0xff));
    }

    @Kernel
    public static void longAndDouble(KernelContext ctx, FloatArray in, FloatArray out, long seed, double scale) {
        int i = ctx.globalIdx;
        long h = seed * 6364136223846793005L + i;
        h ^= h >>> 33;
        double d = in.get(i) * scale + (double) (h & 1023) / 1024.0;
        out.set(i, (float) Math.sqrt(Math.abs(d)) + (float) (h % 7L) + (float) (h / 3L));
    }

    @Kernel
    public static void casts(KernelContext ctx, FloatArray f, IntArray n, FloatArray out) {
        int i = ctx.globalIdx;
        float x = f.get(i);
        int k = (int) x;
        long l = (long) x;
        double d = x;
        int fromDouble = (int) d;
        long ld = (long) d;
        byte by = (byte) k;
        short sh = (short) k;
        char ch = (char) k;
        float back = (float) n.get(i) + (float) l + (float) ld + (float) d;
        n.set(i, k + fromDouble + by + sh + ch + Float.floatToRawIntBits(back));
        out.set(i, Float.intBitsToFloat(n.get(i)) + back);
    }

    @Kernel
    public static void math(KernelContext ctx, FloatArray x, FloatArray y) {
        int i = ctx.globalIdx;
        float v = x.get(i);
        float r = (float) Math.exp(v) + (float) Math.log(v) + (float) Math.sqrt(v) + (float) Math.tanh(v)
                + (float) Math.pow(v, 2.0) + Math.abs(v) + Math.min(v, 1f) + Math.max(v, 0f) + Math.fma(v, v, 1f)
                + (float) Math.floor(v) + (float) Math.ceil(v) + (float) Math.sin(v) + (float) StrictMath.cos(v);
        y.set(i, r);
    }

    @Kernel
    public static void doubleMath(KernelContext ctx, FloatArray x, FloatArray y) {
        int i = ctx.globalIdx;
        double v = x.get(i);
        double acc = Math.exp(v) * Math.log(v + 1.0) + Math.pow(v, 0.5) + Math.max(v, 1e-300);
        y.set(i, (float) acc);
    }

    /** Nested loops with break and continue; early return. */
    @Kernel
    public static void loops(KernelContext ctx, FloatArray a, FloatArray out, int rows, int cols) {
        int r = ctx.globalIdx;
        if (r >= rows) return;
        float sum = 0;
        outer:
        for (int i = 0; i < cols; i++) {
            if (a.get(r * cols + i) < 0) continue;
            for (int j = i; j < cols; j++) {
                float v = a.get(r * cols + j);
                if (v > 100f) break outer;
                if (v == 0f) break;
                sum += v;
            }
        }
        int k = 0;
        while (k < 10 && sum > 1f) {
            sum *= 0.5f;
            k++;
        }
        do { sum += 1; } while (sum < 0);
        out.set(r, sum + k);
    }

    @Kernel
    public static void ternaryAndLogic(KernelContext ctx, FloatArray a, IntArray flags, FloatArray out, boolean invert) {
        int i = ctx.globalIdx;
        float v = a.get(i);
        boolean positive = v > 0f;
        boolean big = Math.abs(v) >= 10f || Float.isNaN(v) == false && v != v;
        boolean pick = invert ? !positive : positive && !big;
        flags.set(i, pick ? 1 : 0);
        out.set(i, pick ? v : (big ? -v : v * 0.5f));
        long l = (long) i;
        double d = v;
        if (l > 3L && d <= 2.0 || !(v < 1f)) out.set(i, out.get(i) + 1f);
    }

    /** Work-group tree reduction in local memory. */
    @Kernel
    public static void reduce(KernelContext ctx, FloatArray in, FloatArray partial) {
        float[] scratch = ctx.allocateFloatLocalArray(256);
        int lid = ctx.localIdx;
        int gid = ctx.globalIdx;
        scratch[lid] = gid < in.getSize() ? in.get(gid) : 0f;
        ctx.localBarrier();
        for (int s = ctx.localGroupSizeX / 2; s > 0; s >>= 1) {
            if (lid < s) scratch[lid] += scratch[lid + s];
            ctx.localBarrier();
        }
        if (lid == 0) partial.set(ctx.groupIdx, scratch[0]);
    }

    /** Inclusive prefix sum in one work-group (Hillis-Steele); the block size is a specialised parameter. */
    @Kernel
    public static void prefixSum(KernelContext ctx, IntArray data, int block) {
        int[] buf = ctx.allocateIntLocalArray(2 * block);
        int lid = ctx.localIdx;
        int pout = 0, pin = 1;
        buf[lid] = data.get(ctx.globalIdx);
        ctx.localBarrier();
        for (int offset = 1; offset < block; offset *= 2) {
            pout = 1 - pout;
            pin = 1 - pout;
            buf[pout * block + lid] = lid >= offset ? buf[pin * block + lid] + buf[pin * block + lid - offset] : buf[pin * block + lid];
            ctx.localBarrier();
        }
        data.set(ctx.globalIdx, buf[pout * block + lid]);
    }

    /** Tiled matrix multiply C = A * B (n x n), with TILE x TILE local tiles. */
    @Kernel
    public static void matmulTiled(KernelContext ctx, FloatArray a, FloatArray b, FloatArray c, int n) {
        float[] ta = ctx.allocateFloatLocalArray(TILE * TILE);
        float[] tb = ctx.allocateFloatLocalArray(TILE * TILE);
        int row = ctx.globalIdy, col = ctx.globalIdx;
        int ly = ctx.localIdy, lx = ctx.localIdx;
        float acc = 0f;
        for (int t = 0; t < (n + TILE - 1) / TILE; t++) {
            int ac = t * TILE + lx, br = t * TILE + ly;
            ta[ly * TILE + lx] = row < n && ac < n ? a.get(row * n + ac) : 0f;
            tb[ly * TILE + lx] = br < n && col < n ? b.get(br * n + col) : 0f;
            ctx.localBarrier();
            for (int k = 0; k < TILE; k++) acc += ta[ly * TILE + k] * tb[k * TILE + lx];
            ctx.localBarrier();
        }
        if (row < n && col < n) c.set(row * n + col, acc);
    }

    static float silu(float x) { return x / (1f + (float) Math.exp(-x)); }

    static float softplus(float x) { return x > 20f ? x : (float) Math.log(1.0 + Math.exp(x)); }

    static int clampIndex(int i, int n) { return i < 0 ? 0 : Math.min(i, n - 1); }

    static void accumulate(float[] acc, FloatArray src, int base, int count) {
        for (int j = 0; j < count; j++) acc[j] += src.get(base + j);
    }

    /** Helper calls, nested helpers and a private array passed to a helper. */
    @Kernel
    public static void helpers(KernelContext ctx, FloatArray x, FloatArray y, int n) {
        int i = clampIndex(ctx.globalIdx, n);
        float[] acc = new float[4];
        accumulate(acc, x, i, Math.min(4, n - i));
        float total = 0f;
        for (float v : acc) total += v;
        y.set(i, silu(x.get(i)) + softplus(total) + acc.length);
    }

    @Kernel
    public static void twelveParams(KernelContext ctx, FloatArray a, FloatArray b, FloatArray c, FloatArray d,
                                    IntArray e, HalfArray f, BFloat16Array g, int n, long m, float alpha, double beta,
                                    boolean flag) {
        int i = ctx.globalIdx;
        if (i >= n) return;
        float v = a.get(i) * alpha + b.get(i) - c.get(i) + (float) beta + (flag ? 1f : 0f) + (float) m;
        d.set(i, v);
        e.set(i, (int) v);
        f.set(i, v);
        g.set(i, v);
    }

    @Kernel
    public static void ids3d(KernelContext ctx, IntArray out) {
        int x = ctx.globalIdx, y = ctx.globalIdy, z = ctx.globalIdz;
        int w = ctx.globalGroupSizeX, h = ctx.globalGroupSizeY;
        int idx = (z * h + y) * w + x;
        out.set(idx, ctx.groupIdx + ctx.groupIdy * 10 + ctx.groupIdz * 100 + ctx.localIdy + ctx.localIdz
                + ctx.localGroupSizeY * ctx.localGroupSizeZ + ctx.globalGroupSizeZ);
    }

    @Kernel
    public static void halfAndBf16(KernelContext ctx, HalfArray h, BFloat16Array b, FloatArray out) {
        int i = ctx.globalIdx;
        float v = h.get(i) + b.get(i);
        h.set(i, v * 2f);
        b.set(i, v - 1f);
        out.set(i, v);
    }

    @Kernel
    public static void atomics(KernelContext ctx, IntArray counts, FloatArray sums, FloatArray in) {
        int[] local = ctx.allocateIntLocalArray(TILE); // device local memory starts undefined: clear it
        if (ctx.localIdx < TILE) local[ctx.localIdx] = 0;
        ctx.localBarrier();
        int i = ctx.globalIdx;
        float v = in.get(i);
        int bin = Math.abs((int) Math.floor(v)) % TILE;
        ctx.atomicAdd(local, bin, 1);
        ctx.localBarrier();
        if (ctx.localIdx < TILE) ctx.atomicAdd(counts, ctx.localIdx, local[ctx.localIdx]);
        float old = ctx.atomicAdd(sums, 0, v);
        if (old < 0f) sums.set(1, old);
    }

    @Kernel
    public static void switches(KernelContext ctx, IntArray data) {
        int i = ctx.globalIdx;
        int v = data.get(i);
        int r;
        switch (v & 3) {
            case 0 -> r = 10;
            case 1 -> r = 20;
            case 2 -> r = v * 2;
            default -> r = -1;
        }
        switch (v) {
            case 100: r += 1; break;
            case 5000: r += 2; break;
            case -7: r += 3;
            default: r += 4;
        }
        data.set(i, r);
    }

    /** Private arrays of constant and specialised size, RMSNorm style. */
    @Kernel
    public static void rmsNorm(KernelContext ctx, FloatArray x, FloatArray w, FloatArray y, int dim) {
        int row = ctx.globalIdx;
        float[] v = new float[TILE];
        float ss = 0f;
        for (int j = 0; j < dim; j++) {
            float e = x.get(row * dim + j);
            if (j < TILE) v[j] = e;
            ss += e * e;
        }
        float inv = 1f / (float) Math.sqrt(ss / dim + EPS);
        for (int j = 0; j < dim; j++) y.set(row * dim + j, (j < TILE ? v[j] : x.get(row * dim + j)) * inv * w.get(j));
    }

    @Kernel
    public static void privateSpecialised(KernelContext ctx, FloatArray x, int width) {
        double[] d = new double[width];
        long[] l = new long[width + 1];
        int i = ctx.globalIdx;
        for (int j = 0; j < d.length; j++) {
            d[j] = x.get(i) * j;
            l[j] = (long) d[j];
        }
        x.set(i, (float) (d[width - 1] + l[0]));
    }

    @Kernel
    public static void edgeConstants(KernelContext ctx, FloatArray f, IntArray n) {
        int i = ctx.globalIdx;
        f.set(i, Float.NaN + Float.POSITIVE_INFINITY + Float.NEGATIVE_INFINITY + Float.MIN_VALUE + Float.MAX_VALUE + -0.0f);
        n.set(i, Integer.MIN_VALUE + Integer.MAX_VALUE - i - -1);
        long big = Long.MIN_VALUE + Long.MAX_VALUE;
        n.set(i + 1, (int) big);
        int x = i++ + ++i;
        n.set(i, x);
    }

    /** Every comparison form javac emits (fcmpl/fcmpg, negated, as values and branches) on all pairs of inputs. */
    @Kernel
    public static void compares(KernelContext ctx, FloatArray a, IntArray out) {
        int n = a.getSize();
        int i = ctx.globalIdx / n, j = ctx.globalIdx % n;
        if (i >= n) return;
        float x = a.get(i), y = a.get(j);
        double dx = x, dy = y;
        long lx = (long) (x * 1e3f), ly = (long) (y * 1e3f);
        int bits = 0;
        bits |= (x < y ? 1 : 0) | (x <= y ? 2 : 0) | (x > y ? 4 : 0) | (x >= y ? 8 : 0) | (x == y ? 16 : 0) | (x != y ? 32 : 0);
        bits |= (!(x < y) ? 64 : 0) | (!(x <= y) ? 128 : 0) | (!(x > y) ? 256 : 0) | (!(x >= y) ? 512 : 0);
        bits |= (dx < dy ? 1024 : 0) | (!(dx >= dy) ? 2048 : 0) | (dx > dy ? 4096 : 0) | (!(dx <= dy) ? 8192 : 0);
        bits |= (lx < ly ? 1 << 14 : 0) | (lx >= ly ? 1 << 15 : 0) | (lx == ly ? 1 << 16 : 0) | (lx != ly ? 1 << 17 : 0);
        if (x < y) bits |= 1 << 18;
        if (!(x > y)) bits |= 1 << 19;
        while (x >= y) { bits |= 1 << 20; break; }
        if (Math.min(x, y) == x) bits |= 1 << 21;
        bits ^= Float.floatToRawIntBits(Math.max(x, y)) * 31 + Float.floatToRawIntBits(Math.min(x, y));
        bits ^= (int) Double.doubleToRawLongBits(Math.min(dx, dy)) ^ (int) (Double.doubleToRawLongBits(Math.max(dx, dy)) >>> 32);
        out.set(ctx.globalIdx, bits);
    }

    /** Wrap-around, shift masking, narrowing and widening conversions, integer min/max/abs. */
    @Kernel
    public static void intEdges(KernelContext ctx, IntArray a, IntArray b, IntArray out) {
        int i = ctx.globalIdx;
        int x = a.get(i), y = b.get(i);
        long lx = (long) x * 0x1_0000_0001L, ly = y;
        int r = x + y;
        r = r * 31 + x * y;
        r = r * 31 + (x << y) + (x >> (y + 3)) + (x >>> -y);
        r = r * 31 + (int) (lx << y) + (int) (lx >> y) + (int) (lx >>> (y - 7));
        r = r * 31 + (int) (lx * ly) + (int) (lx + ly >>> 40) + (int) (lx / (ly | 1)) + (int) (lx % (ly | 1));
        r = r * 31 + (byte) x + (short) y + (char) x + (int) lx;
        r = r * 31 + Math.abs(x) + Math.min(x, y) + Math.max(x, y) + (int) Math.abs(lx) + (int) Math.max(lx, ly);
        r = r * 31 + (x / (y | 1)) + (x % (y | 1)) + -x + ~y;
        float f = Float.intBitsToFloat(x);
        r = r * 31 + (int) f + (int) (long) f + (int) (double) f + (int) ((double) f * 1e10) + (int) ((long) ((double) f * 1e30) >>> 3);
        out.set(i, r);
    }

    static final int D_STATE = 8;

    /**
     * Mamba-1 selective scan, one (batch, channel) per work-item, state in a private array:
     * h = exp(dt*A) * h + dt*B*x; y = C.h + D*x, over L time steps.
     */
    @Kernel
    public static void selectiveScan(KernelContext ctx, FloatArray x, FloatArray dt, FloatArray a, FloatArray b,
                                     FloatArray c, FloatArray d, FloatArray y, int length, int channels) {
        int ch = ctx.globalIdx;
        if (ch >= channels) return;
        float[] h = new float[D_STATE];
        for (int t = 0; t < length; t++) {
            float delta = softplus(dt.get(t * channels + ch));
            float xv = x.get(t * channels + ch);
            float out = 0f;
            for (int s = 0; s < D_STATE; s++) {
                h[s] = (float) Math.exp(delta * a.get(ch * D_STATE + s)) * h[s] + delta * b.get(t * D_STATE + s) * xv;
                out += h[s] * c.get(t * D_STATE + s);
            }
            y.set(t * channels + ch, out + d.get(ch) * xv);
        }
    }

    /** Named like an OpenCL built-in: printed as step_kernel. */
    @Kernel
    public static void step(KernelContext ctx, FloatArray x) {
        x.set(ctx.globalIdx, x.get(ctx.globalIdx) > 0f ? 1f : 0f);
    }

    /** Integer division where Java would throw: devices give 0 (and MIN_VALUE / -1 wraps as in Java). */
    @Kernel
    public static void divide(KernelContext ctx, IntArray a, IntArray b, IntArray q, IntArray r) {
        int i = ctx.globalIdx;
        q.set(i, a.get(i) / b.get(i));
        r.set(i, a.get(i) % b.get(i));
    }
}
