package dev.mamba2j.tornado.runtime;

import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.driver.DeviceSession;

import java.util.Arrays;

/**
 * Consecutive kernel launches of one graph of a {@link Program}, steps [from, to): run one by one the
 * first time (which also warms the driver up), recorded the second time, replayed as one from then on,
 * and recorded again if a grid has changed since.
 */
final class Recorded implements AutoCloseable {
    final int from, to;
    private boolean ranOnce, unsupported;
    private DeviceSession.Recording recording;
    /** The grids of the recording, by step: global sizes, then local sizes. */
    private int[][] globals, locals;

    Recorded(int from, int to) {
        this.from = from;
        this.to = to;
    }

    /** Whether to replay now: run once before, and the device records. */
    boolean replays() { return ranOnce && !unsupported; }

    void ranOnce() { ranOnce = true; }

    /** Enqueues the recording, recording the launches first if there is none for these grids; null where the device cannot record. */
    DeviceSession.Pending replay(DeviceRuntime device, Step[] steps, WorkerGrid[] grids) {
        if (recording == null || !sameGrids(steps, grids)) {
            close();
            if (!device.beginRecording()) {
                unsupported = true;
                return null;
            }
            try {
                for (int i = from; i < to; i++) ((Step.DeviceLaunch) steps[i]).enqueue(grids);
            } catch (RuntimeException | Error e) {
                try {
                    device.endRecording().close();
                } catch (RuntimeException late) {
                    e.addSuppressed(late);
                }
                throw e;
            }
            recording = device.endRecording();
            globals = new int[to - from][];
            locals = new int[to - from][];
            for (int i = from; i < to; i++) {
                WorkerGrid g = grids[((Step.DeviceLaunch) steps[i]).task()];
                globals[i - from] = g.global();
                locals[i - from] = g.local();
            }
        }
        for (int i = from; i < to; i++) ((Step.DeviceLaunch) steps[i]).beforeEnqueue();
        return recording.replay();
    }

    private boolean sameGrids(Step[] steps, WorkerGrid[] grids) {
        for (int i = from; i < to; i++) {
            WorkerGrid g = grids[((Step.DeviceLaunch) steps[i]).task()];
            if (!Arrays.equals(globals[i - from], g.global()) || !Arrays.equals(locals[i - from], g.local())) return false;
        }
        return true;
    }

    @Override public void close() {
        if (recording != null) recording.close();
        recording = null;
    }
}
