package dev.mamba2j.tornado.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WorkerGridTest {
    @Test
    void trailingOnesOfTornadoStyleLocalSizesAreDropped() {
        assertArrayEquals(new int[] {64}, WorkerGrid.of1D(1000).setLocalWork(64, 1, 1).local());
        assertArrayEquals(new int[] {8, 4}, WorkerGrid.of2D(10, 10).setLocalWork(8, 4, 1).local());
        assertThrows(IllegalArgumentException.class, () -> WorkerGrid.of1D(1000).setLocalWork(64, 2, 1));
    }

    @Test
    void globalSizesRoundUpToWholeGroups() {
        assertArrayEquals(new int[] {1024, 21}, WorkerGrid.of2D(1000, 19).roundedGlobal(new int[] {64, 7}));
    }
}
