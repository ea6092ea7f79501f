package dev.mamba2j.tornado.emit.ptx;

import dev.mamba2j.tornado.emit.WarpTiles;
import dev.mamba2j.tornado.api.KernelCompilationException;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Operand;


/**
 * {@code KernelContext.localGemm} on tensor cores: {@code mma.sync.m16n8k8} with TF32 inputs and fp32
 * accumulation, three products per step (a_lo·b_hi + a_hi·b_lo + a_hi·b_hi, where x_hi is x rounded
 * to TF32 and x_lo = x − x_hi, exact in fp32), which is close to the accuracy of fp32 FMAs; one product
 * (a_hi·b_hi) for {@code localGemmTf32}. x_lo goes in as fp32 bits: the tensor cores read the top 19
 * bits of a TF32 operand and drop the other 13, which truncates x_lo, and since |x_lo| ≤ 2⁻¹¹|x| that
 * costs at most 2⁻²¹|x|; rounding it as well would take four more instructions per element.
 *
 * <p>Each warp owns warp tiles of C in turn ({@link WarpTiles}; down to 16×8): it loads its
 * C fragments, runs the whole reduction over k unrolled with every shared-memory offset an
 * immediate, and stores them back. Fragment layout (PTX ISA, mma.m16n8k8 .tf32), with g = lane / 4
 * and t = lane % 4: a0..a3 = A[g][t], A[g+8][t], A[g][t+4], A[g+8][t+4]; b0, b1 = B[t][g], B[t+4][g];
 * c0..c3 = C[g][2t], C[g][2t+1], C[g+8][2t], C[g+8][2t+1].
 */
final class PtxGemm {
    private final PtxWriter w;
    private final PtxTarget target;
    private final String kernel;
    private int sites;

    PtxGemm(PtxWriter w, PtxTarget target, String kernel) {
        this.w = w;
        this.target = target;
        this.kernel = kernel;
    }

    void emit(Instr.Gemm g) {
        if (target.ccMajor() < 8)
            throw new KernelCompilationException("PTX: localGemm in " + kernel + " needs tensor cores with TF32 (sm_80 or newer), not " + target.sm());
        int m = constant(g.m(), "m"), n = constant(g.n(), "n"), k = constant(g.k(), "k");
        int lda = constant(g.lda(), "lda"), ldb = constant(g.ldb(), "ldb"), ldc = constant(g.ldc(), "ldc");
        // KernelJit has checked the shape against LocalGemm's rules for every device.
        int site = sites++;
        WarpTiles warp = WarpTiles.of(m, n, 8);
        int wm = warp.m(), wn = warp.n();
        int mt = wm / 16, nt = wn / 8, tilesN = warp.across(n), tiles = warp.count(m, n);
        String kind = g.tf32() instanceof Const c ? (c.asBool() ? "localGemmTf32 " : "localGemm ") : "localGemm (TF32 if " + g.tf32() + ") ";
        w.comment(kind + m + "x" + n + "x" + k + ": " + g.c() + " += " + g.a() + " * " + g.b() + ", warp tiles " + wm + "x" + wn);
        w.op("bar.sync 0");

        // Flat work-item id, warp, lane, warps per group.
        String tx = w.temp("s32"), ty = w.temp("s32"), tz = w.temp("s32"), nx = w.temp("s32"), ny = w.temp("s32"), nz = w.temp("s32");
        w.op("mov.u32 " + tx + ", %tid.x");
        w.op("mov.u32 " + ty + ", %tid.y");
        w.op("mov.u32 " + tz + ", %tid.z");
        w.op("mov.u32 " + nx + ", %ntid.x");
        w.op("mov.u32 " + ny + ", %ntid.y");
        w.op("mov.u32 " + nz + ", %ntid.z");
        String flat = w.temp("s32"), warps = w.temp("s32"), lane = w.temp("s32"), gq = w.temp("s32"), tq = w.temp("s32");
        w.op("mad.lo.s32 " + flat + ", " + tz + ", " + ny + ", " + ty);
        w.op("mad.lo.s32 " + flat + ", " + flat + ", " + nx + ", " + tx);
        w.op("mul.lo.s32 " + warps + ", " + nx + ", " + ny);
        w.op("mul.lo.s32 " + warps + ", " + warps + ", " + nz);
        w.op("shr.u32 " + warps + ", " + warps + ", 5");
        w.op("and.b32 " + lane + ", " + flat + ", 31");
        w.op("shr.u32 " + gq + ", " + lane + ", 2");
        w.op("and.b32 " + tq + ", " + lane + ", 3");
        // The lane's byte offsets inside a warp tile: A[g][t], B[t][g], C[g][2t].
        String aLane = w.temp("s32"), bLane = w.temp("s32"), cLane = w.temp("s32"), ct = w.temp("s32");
        w.op("mad.lo.s32 " + aLane + ", " + gq + ", " + lda + ", " + tq);
        w.op("shl.b32 " + aLane + ", " + aLane + ", 2");
        w.op("mad.lo.s32 " + bLane + ", " + tq + ", " + ldb + ", " + gq);
        w.op("shl.b32 " + bLane + ", " + bLane + ", 2");
        w.op("shl.b32 " + ct + ", " + tq + ", 1");
        w.op("mad.lo.s32 " + cLane + ", " + gq + ", " + ldc + ", " + ct);
        w.op("shl.b32 " + cLane + ", " + cLane + ", 2");

        Shape sh = new Shape(g, m, n, k, lda, ldb, ldc, wm, wn, mt, nt, tilesN, tiles, flat, warps, aLane, bLane, cLane, site);
        if (g.tf32() instanceof Const c) {
            tileLoop(sh, c.asBool(), "");
        } else {
            // A flag known only at run time: both products are printed, and the flag (uniform over the
            // group) picks one between the two barriers, which stay outside any branch.
            String three = "G" + site + "_split", end = "G" + site + "_end";
            w.op("@!" + w.pred(g.tf32()) + " bra " + three);
            tileLoop(sh, true, "_tf32");
            w.op("bra " + end);
            w.label(three);
            tileLoop(sh, false, "_split");
            w.label(end);
        }
        w.op("bar.sync 0");
    }

    /** The operands of one localGemm site, shared by the copies of its tile loop. */
    private record Shape(Instr.Gemm g, int m, int n, int k, int lda, int ldb, int ldc, int wm, int wn, int mt, int nt, int tilesN,
                         int tiles, String flat, String warps, String aLane, String bLane, String cLane, int site) {}

    /** The warps' loop over the warp tiles of C: load C, run the reduction unrolled, store C. */
    private void tileLoop(Shape s, boolean tf32, String suffix) {
        String loop = "G" + s.site + suffix + "_tile", done = "G" + s.site + suffix + "_done";
        String more = w.temp("pred"), row = w.temp("s32"), col = w.temp("s32"), off = w.temp("s32");
        String pa = w.temp("u64"), pb = w.temp("u64"), pc = w.temp("u64"), wide = w.temp("u64");
        String tile = w.temp("s32");
        w.op("shr.u32 " + tile + ", " + s.flat + ", 5");
        w.label(loop);
        w.op("setp.ge.s32 " + more + ", " + tile + ", " + s.tiles);
        w.op("@" + more + " bra " + done);
        w.op("div.u32 " + row + ", " + tile + ", " + s.tilesN);
        w.op("rem.u32 " + col + ", " + tile + ", " + s.tilesN);
        w.op("mul.lo.s32 " + row + ", " + row + ", " + s.wm);
        w.op("mul.lo.s32 " + col + ", " + col + ", " + s.wn);
        address(pa, PtxMemory.base(s.g.a()), row, s.lda, null, s.aLane, off, wide);
        address(pb, PtxMemory.base(s.g.b()), null, 0, col, s.bLane, off, wide);
        address(pc, PtxMemory.base(s.g.c()), row, s.ldc, col, s.cLane, off, wide);

        String[][][] acc = new String[s.mt][s.nt][4];
        for (int i = 0; i < s.mt; i++)
            for (int j = 0; j < s.nt; j++) {
                for (int e = 0; e < 4; e++) acc[i][j][e] = w.temp("f32");
                int at = 4 * (16 * i * s.ldc + 8 * j);
                cFragment("ld", acc[i][j], pc, at, 8 * s.ldc * 4, s.ldc % 2 == 0);
            }
        for (int kk = 0; kk < s.k; kk += 8) {
            String[][] aHi = new String[s.mt][4], aLo = new String[s.mt][4], bHi = new String[s.nt][2], bLo = new String[s.nt][2];
            for (int i = 0; i < s.mt; i++) {
                int at = 4 * (16 * i * s.lda + kk);
                int[] offsets = {at, at + 32 * s.lda, at + 16, at + 32 * s.lda + 16};
                for (int e = 0; e < 4; e++) split(pa, offsets[e], aHi[i], aLo[i], e, tf32);
            }
            for (int j = 0; j < s.nt; j++) {
                int at = 4 * (kk * s.ldb + 8 * j);
                split(pb, at, bHi[j], bLo[j], 0, tf32);
                split(pb, at + 16 * s.ldb, bHi[j], bLo[j], 1, tf32);
            }
            for (int i = 0; i < s.mt; i++)
                for (int j = 0; j < s.nt; j++) {
                    if (!tf32) {
                        mma(acc[i][j], aLo[i], bHi[j]);
                        mma(acc[i][j], aHi[i], bLo[j]);
                    }
                    mma(acc[i][j], aHi[i], bHi[j]);
                }
        }
        for (int i = 0; i < s.mt; i++)
            for (int j = 0; j < s.nt; j++) cFragment("st", acc[i][j], pc, 4 * (16 * i * s.ldc + 8 * j), 8 * s.ldc * 4, s.ldc % 2 == 0);
        w.op("add.s32 " + tile + ", " + tile + ", " + s.warps);
        w.op("bra " + loop);
        w.label(done);
    }

    /** dst = base + 4·(row·ld + col) + lane bytes, with row or col absent (null) as zero. */
    private void address(String dst, String base, String row, int ld, String col, String lane, String off, String wide) {
        w.op("mov.s32 " + off + ", " + lane);
        if (row != null) w.op("mad.lo.s32 " + off + ", " + row + ", " + 4 * ld + ", " + off);
        if (col != null) w.op("mad.lo.s32 " + off + ", " + col + ", 4, " + off);
        w.op("cvt.u64.u32 " + wide + ", " + off);
        w.op("add.s64 " + dst + ", " + base + ", " + wide);
    }

    /** Loads or stores c0..c3: rows g and g+8 ({@code rowStep} bytes apart), two adjacent columns each. */
    private void cFragment(String op, String[] c, String p, int at, int rowStep, boolean paired) {
        for (int half = 0; half < 2; half++) {
            int o = at + half * rowStep;
            String x = c[2 * half], y = c[2 * half + 1];
            if (paired) {
                if (op.equals("ld")) w.op("ld.shared.v2.f32 {" + x + ", " + y + "}, [" + p + "+" + o + "]");
                else w.op("st.shared.v2.f32 [" + p + "+" + o + "], {" + x + ", " + y + "}");
            } else if (op.equals("ld")) {
                w.op("ld.shared.f32 " + x + ", [" + p + "+" + o + "]");
                w.op("ld.shared.f32 " + y + ", [" + p + "+" + (o + 4) + "]");
            } else {
                w.op("st.shared.f32 [" + p + "+" + o + "], " + x);
                w.op("st.shared.f32 [" + p + "+" + (o + 4) + "], " + y);
            }
        }
    }

    /** Loads one element and splits it: hi = tf32(x), lo = x − hi (no lo when {@code hiOnly}). */
    private void split(String p, int at, String[] hi, String[] lo, int e, boolean hiOnly) {
        String x = w.temp("f32");
        hi[e] = w.temp("b32");
        w.op("ld.shared.f32 " + x + ", [" + p + "+" + at + "]");
        w.op("cvt.rna.tf32.f32 " + hi[e] + ", " + x);
        if (hiOnly) return;
        String rest = w.temp("f32");
        lo[e] = w.temp("b32");
        w.op("sub.f32 " + rest + ", " + x + ", " + hi[e]);
        w.op("mov.b32 " + lo[e] + ", " + rest);
    }

    private void mma(String[] c, String[] a, String[] b) {
        String cs = "{" + String.join(", ", c) + "}";
        w.op("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 " + cs + ", {" + String.join(", ", a) + "}, {"
                + String.join(", ", b) + "}, " + cs);
    }

    private int constant(Operand o, String what) {
        if (o instanceof Const c) return c.asInt();
        throw new KernelCompilationException("PTX: localGemm's " + what + " in " + kernel
                + " is not a compile-time constant after specialisation (" + o + ")");
    }

}
