package dev.mamba2j.tornado.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The warp tiles the tensor-core printers give each warp of a localGemm's C. */
class WarpTilesTest {
    @Test
    void theWidestTilesUnlessAskedToSpread() {
        assertEquals(1, WarpTiles.spread());
        assertEquals(new WarpTiles(32, 32), WarpTiles.of(32, 32, 16));
        assertEquals(new WarpTiles(32, 32), WarpTiles.of(64, 32, 8));
    }

    @Test
    void largeProductsKeepTheWidestTiles() {
        assertEquals(new WarpTiles(32, 32), WarpTiles.of(64, 64, 8, 4));
        assertEquals(new WarpTiles(32, 32), WarpTiles.of(128, 64, 16, 4));
        assertEquals(new WarpTiles(16, 32), WarpTiles.of(16, 128, 8, 4)); // four already
        assertEquals(new WarpTiles(16, 8), WarpTiles.of(48, 40, 8, 4)); // fifteen: neither side a multiple of 32
    }

    @Test
    void smallProductsAreSplitUntilFourWarpsHaveWork() {
        WarpTiles half = WarpTiles.of(64, 32, 8, 4);
        assertEquals(new WarpTiles(32, 16), half); // columns first
        assertEquals(4, half.count(64, 32));
        assertEquals(2, half.across(32));
        assertEquals(new WarpTiles(16, 16), WarpTiles.of(32, 32, 16, 4)); // then rows
        assertEquals(new WarpTiles(16, 16), WarpTiles.of(64, 16, 8, 4));
    }

    @Test
    void tilesNeverGoBelowSixteenBySixteenToSpread() {
        assertEquals(new WarpTiles(16, 16), WarpTiles.of(16, 32, 8, 4)); // two tiles: a 16×8 split is not worth its loads
        assertEquals(new WarpTiles(16, 16), WarpTiles.of(16, 16, 16, 4));
        assertEquals(new WarpTiles(16, 8), WarpTiles.of(16, 8, 8, 4));
    }
}
