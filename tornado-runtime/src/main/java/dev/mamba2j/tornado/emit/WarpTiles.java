package dev.mamba2j.tornado.emit;

/**
 * How the tensor-core printers split a localGemm's C among the warps (subgroups) of a work-group: each
 * takes warp tiles of {@code m}×{@code n} in turn. A 32×32 tile reuses each fragment it loads the most,
 * but a C of few such tiles leaves warps idle (a 32×32 C on four warps runs on one), so the tiles can be
 * halved, columns first, down to 16, until there are {@link #spread()} of them where C allows.
 *
 * @param m rows of a warp tile
 * @param n columns of a warp tile
 */
public record WarpTiles(int m, int n) {
    /**
     * Warp tiles wanted at least, {@code -Dmamba2j.localGemm.spread=N}: 1 (the default) keeps the widest
     * tiles; 4 fills the four warps of the library's 128-work-item groups, 3–4% faster on attention prefill
     * through CUDA (docs/results/h200/vulkan/small-tiles), to become the default once the GPU suites have
     * checked its products.
     */
    public static int spread() { return Integer.getInteger("mamba2j.localGemm.spread", 1); }

    /**
     * The warp tiles of an m×n C whose sides are multiples of 16 and of {@code narrowest} (16 rows; 8 or
     * 16 columns, the smallest product's width on the target).
     */
    public static WarpTiles of(int m, int n, int narrowest) { return of(m, n, narrowest, spread()); }

    /** {@link #of(int, int, int)} wanting at least {@code spread} warp tiles. */
    public static WarpTiles of(int m, int n, int narrowest, int spread) {
        int wm = m % 32 == 0 ? 32 : 16, wn = n % 32 == 0 ? 32 : n % 16 == 0 ? 16 : narrowest;
        while (m / wm * (n / wn) < spread) {
            if (wn > 16) wn /= 2;
            else if (wm > 16) wm /= 2;
            else break;
        }
        return new WarpTiles(wm, wn);
    }

    /** Warp tiles across C (columns of tiles). */
    public int across(int cColumns) { return cColumns / n; }

    /** Warp tiles in C. */
    public int count(int cRows, int cColumns) { return cRows / m * (cColumns / n); }
}
