package dev.mamba2j.tornado.api;

/**
 * The rules and the host arithmetic of {@link KernelContext#localGemm}. The shape rules are those of
 * the smallest tensor-core product (16×8×8 over one 32-wide warp); they hold on every device so that
 * a kernel that runs on the JVM also compiles for a GPU.
 *
 * <p>Padding that keeps a GPU's fragment reads free of bank conflicts: lda ≡ 4 (mod 32), ldb and
 * ldc ≡ 8 (mod 32), e.g. lda = k + 4 and ldb = ldc = n + 8 for k and n multiples of 32.
 */
public final class LocalGemm {
    /** Shape granularity: m, n and k must be multiples of these. */
    public static final int M_STEP = 16, N_STEP = 8, K_STEP = 8, WARP = 32;

    private LocalGemm() {}

    /** Throws IllegalArgumentException naming the first rule the arguments break. */
    public static void check(int m, int n, int k, int aLength, int lda, int bLength, int ldb, int cLength, int ldc, int workGroupSize) {
        if (m <= 0 || n <= 0 || k <= 0) throw bad("m, n and k must be positive, got m=" + m + " n=" + n + " k=" + k);
        if (m % M_STEP != 0 || n % N_STEP != 0 || k % K_STEP != 0)
            throw bad("m must be a multiple of 16 and n, k of 8, got m=" + m + " n=" + n + " k=" + k);
        if (lda < k || ldb < n || ldc < n) throw bad("row strides too short: lda=" + lda + " (k=" + k + "), ldb=" + ldb
                + " (n=" + n + "), ldc=" + ldc + " (n=" + n + ")");
        fits("A", aLength, m, lda, k);
        fits("B", bLength, k, ldb, n);
        fits("C", cLength, m, ldc, n);
        if (workGroupSize % WARP != 0)
            throw bad("the work-group size must be a multiple of 32, got " + workGroupSize);
    }

    private static void fits(String name, int length, int rows, int ld, int cols) {
        long needed = (long) (rows - 1) * ld + cols;
        if (needed > length) throw bad(name + " needs " + needed + " elements (" + rows + " rows of stride " + ld
                + "), the local array has " + length);
    }

    private static IllegalArgumentException bad(String why) { return new IllegalArgumentException("localGemm: " + why); }

    /**
     * The share of work-item {@code id} of {@code items}: elements id, id + items, … of C (row-major
     * over m×n), each accumulated with fused multiply-adds in k order.
     */
    public static void multiplyAdd(int m, int n, int k, float[] a, int lda, float[] b, int ldb, float[] c, int ldc, int id, int items) {
        for (int e = id; e < m * n; e += items) {
            int i = e / n, j = e % n;
            float s = c[i * ldc + j];
            for (int l = 0; l < k; l++) s = Math.fma(a[i * lda + l], b[l * ldb + j], s);
            c[i * ldc + j] = s;
        }
    }
}
