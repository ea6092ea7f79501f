package dev.mamba2j.tornado.driver.cuda;

import dev.mamba2j.tornado.api.WorkerGrid;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LaunchShapeTest {
    @Test
    void blocksAreTheCeilingOfGlobalOverLocal() {
        LaunchShape s = LaunchShape.of(WorkerGrid.of2D(1000, 30).setLocalWork(32, 8), 1024);
        assertArrayEquals(new int[] {32, 4, 1}, s.blocks());
        assertArrayEquals(new int[] {32, 8, 1}, s.threads());
    }

    @Test
    void withoutLocalSizeUses256InX() {
        LaunchShape s = LaunchShape.of(WorkerGrid.of3D(1 << 20, 3, 2), 1024);
        assertArrayEquals(new int[] {256, 1, 1}, s.threads());
        assertArrayEquals(new int[] {4096, 3, 2}, s.blocks());
    }

    @Test
    void smallDefaultBlocksAreWholeWarps() {
        LaunchShape s = LaunchShape.of(WorkerGrid.of1D(40), 1024);
        assertArrayEquals(new int[] {64, 1, 1}, s.threads());
        assertArrayEquals(new int[] {1, 1, 1}, s.blocks());
    }

    @Test
    void tooManyThreadsPerBlockIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> LaunchShape.of(WorkerGrid.of2D(64, 64).setLocalWork(64, 32), 1024));
    }

    @Test
    void tooManyBlocksInYIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> LaunchShape.of(WorkerGrid.of2D(1, 70_000).setLocalWork(1, 1), 1024));
    }
}
