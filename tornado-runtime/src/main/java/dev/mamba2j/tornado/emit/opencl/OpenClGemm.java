package dev.mamba2j.tornado.emit.opencl;

import dev.mamba2j.tornado.emit.WarpTiles;

/**
 * {@code KernelContext.localGemm} as OpenCL C, printed in place between two barriers (PoCL 3.1 loses
 * the writes of a second call of a helper function that sits between barriers).
 *
 * <p>Two versions behind {@link #MMA_MACRO}: by default every work-item accumulates its elements of C
 * with fma in k order; where the driver defines the macro (NVIDIA devices with TF32 tensor cores,
 * whose OpenCL compiler takes inline PTX) each warp runs the same split-TF32 {@code mma.sync} tiles
 * as the PTX printer ({@link PtxGemm} documents the fragment layout).
 */
final class OpenClGemm {
    /** Defined by the OpenCL driver for devices that take the inline-PTX tensor-core version. */
    static final String MMA_MACRO = "J_NV_MMA";

    private OpenClGemm() {}

    /** The asm helpers of the tensor-core version, compiled only under {@link #MMA_MACRO}. */
    static final String HELPERS = """
            #ifdef J_NV_MMA
            static inline void j_tf32_split(float x, uint *hi, uint *lo) {
                uint h;
                __asm__("cvt.rna.tf32.f32 %0, %1;" : "=r"(h) : "f"(x));
                *hi = h;
                *lo = as_uint(x - as_float(h)); /* the tensor cores drop its low 13 bits (see PtxGemm) */
            }
            static inline void j_mma_tf32(float *c, const uint *a, const uint *b) {
                __asm__ __volatile__("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};"
                             : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
                             : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
            }
            #endif""";

    // Each work-item accumulates an 8×8 block of C as eight float8 rows (m and n are multiples of 8
    // by the rules): one vector load of B and eight broadcasts of A per eight vector fma, which CPU
    // compilers map onto their SIMD units. Every element still sums in k order.
    private static final String LOOPS = """
            for (int e = LOCAL_ID; e < (M / 8) * (N / 8); e += GROUP_SIZE) {
                int i0 = e / (N / 8) * 8, j0 = e % (N / 8) * 8;
                float8 s[8];
                for (int r = 0; r < 8; r++) s[r] = vload8(0, C + (i0 + r) * LDC + j0);
                for (int l = 0; l < K; l++) {
                    float8 b = vload8(0, B + l * LDB + j0);
                    for (int r = 0; r < 8; r++) s[r] = fma((float8)(A[(i0 + r) * LDA + l]), b, s[r]);
                }
                for (int r = 0; r < 8; r++) vstore8(s[r], 0, C + (i0 + r) * LDC + j0);
            }""";

    private static final String MMA = """
            int lid = LOCAL_ID;
            int warps = (GROUP_SIZE) >> 5, lane = lid & 31, g = lane >> 2, t = lane & 3;
            for (int tile = lid >> 5; tile < TILES; tile += warps) {
                int row = tile / TN * WM, col = tile % TN * WN;
                __local const float *pa = A + (row + g) * LDA + t;
                __local const float *pb = B + t * LDB + col + g;
                __local float *pc = C + (row + g) * LDC + col + 2 * t;
                float acc[MT * NT * 4];
                #pragma unroll
                for (int f = 0; f < MT * NT; f++) {
                    int o = f / NT * 16 * LDC + f % NT * 8;
                    acc[4 * f] = pc[o]; acc[4 * f + 1] = pc[o + 1]; acc[4 * f + 2] = pc[o + 8 * LDC]; acc[4 * f + 3] = pc[o + 8 * LDC + 1];
                }
                #pragma unroll
                for (int kk = 0; kk < K; kk += 8) {
                    uint ah[MT * 4], al[MT * 4], bh[NT * 2], bl[NT * 2];
                    #pragma unroll
                    for (int i = 0; i < MT; i++) {
                        __local const float *p = pa + i * 16 * LDA + kk;
                        j_tf32_split(p[0], &ah[4 * i], &al[4 * i]);
                        j_tf32_split(p[8 * LDA], &ah[4 * i + 1], &al[4 * i + 1]);
                        j_tf32_split(p[4], &ah[4 * i + 2], &al[4 * i + 2]);
                        j_tf32_split(p[8 * LDA + 4], &ah[4 * i + 3], &al[4 * i + 3]);
                    }
                    #pragma unroll
                    for (int j = 0; j < NT; j++) {
                        __local const float *p = pb + kk * LDB + j * 8;
                        j_tf32_split(p[0], &bh[2 * j], &bl[2 * j]);
                        j_tf32_split(p[4 * LDB], &bh[2 * j + 1], &bl[2 * j + 1]);
                    }
                    #pragma unroll
                    for (int f = 0; f < MT * NT; f++) { // small products first
                        if (SPLIT) {
                            j_mma_tf32(&acc[4 * f], &al[4 * (f / NT)], &bh[2 * (f % NT)]);
                            j_mma_tf32(&acc[4 * f], &ah[4 * (f / NT)], &bl[2 * (f % NT)]);
                        }
                        j_mma_tf32(&acc[4 * f], &ah[4 * (f / NT)], &bh[2 * (f % NT)]);
                    }
                }
                #pragma unroll
                for (int f = 0; f < MT * NT; f++) {
                    int o = f / NT * 16 * LDC + f % NT * 8;
                    pc[o] = acc[4 * f]; pc[o + 1] = acc[4 * f + 1]; pc[o + 8 * LDC] = acc[4 * f + 2]; pc[o + 8 * LDC + 1] = acc[4 * f + 3];
                }
            }""";

    /**
     * The statement for C += A·B; sizes are the printed operands (constants once KernelJit has
     * checked them). {@code split}: a C condition, true for three products (fp32 accuracy), false for
     * one of the inputs rounded to TF32; a runtime condition is tested inside, between the barriers.
     */
    static String statement(String m, String n, String k, String a, String lda, String b, String ldb, String c, String ldc,
                            String split) {
        String loops = fill(LOOPS, m, n, k, a, lda, b, ldb, c, ldc);
        StringBuilder s = new StringBuilder("barrier(CLK_LOCAL_MEM_FENCE);\n");
        if (isInt(m) && isInt(n)) {
            int mi = Integer.parseInt(m), ni = Integer.parseInt(n);
            WarpTiles warp = WarpTiles.of(mi, ni, 8);
            int wm = warp.m(), wn = warp.n();
            String mma = fill(MMA, m, n, k, a, lda, b, ldb, c, ldc).replace("TILES", Integer.toString(warp.count(mi, ni)))
                    .replace("TN", Integer.toString(warp.across(ni))).replace("WM", Integer.toString(wm)).replace("WN", Integer.toString(wn))
                    .replace("MT", Integer.toString(wm / 16)).replace("NT", Integer.toString(wn / 8));
            // A runtime flag gets both versions, each without the other's work, chosen between the barriers.
            String tensor = split.equals("0") || split.equals("1") ? block(mma.replace("SPLIT", split))
                    : "    if (" + split + ")\n" + block(mma.replace("SPLIT", "1")) + "    else\n" + block(mma.replace("SPLIT", "0"));
            s.append("#ifdef ").append(MMA_MACRO).append('\n').append(tensor).append("#else\n").append(block(loops)).append("#endif\n");
        } else {
            s.append(block(loops));
        }
        return s.append("    barrier(CLK_LOCAL_MEM_FENCE);").toString();
    }

    private static String fill(String template, String m, String n, String k, String a, String lda, String b, String ldb,
                               String c, String ldc) {
        return template.replace("LOCAL_ID", "(get_local_id(2) * get_local_size(1) + get_local_id(1)) * get_local_size(0) + get_local_id(0)")
                .replace("GROUP_SIZE", "get_local_size(0) * get_local_size(1) * get_local_size(2)")
                .replace("LDA", lda).replace("LDB", ldb).replace("LDC", ldc).replace("(M / 8)", "(" + m + " / 8)")
                .replace("(N / 8)", "(" + n + " / 8)").replace("< K", "< " + k)
                .replace("A[", a + "[").replace("B[", b + "[").replace("C[", c + "[")
                .replace("A + ", a + " + ").replace("B + ", b + " + ").replace("C + ", c + " + ");
    }

    private static String block(String code) {
        StringBuilder sb = new StringBuilder("    {\n");
        for (String line : code.split("\n")) sb.append("        ").append(line).append('\n');
        return sb.append("    }\n").toString();
    }

    private static boolean isInt(String s) { return s.matches("-?\\d+"); }
}
