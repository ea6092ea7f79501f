package dev.mamba2j.tornado.driver.jvm;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The barrier of one work-group whose work-items are virtual threads. A lock and a condition
 * (virtual threads unmount while they wait, unlike spinning), and work-items that finish early
 * leave the group, so those still running are not held at the next barrier forever.
 */
final class GroupBarrier {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private int parties, arrived;
    private long generation;

    GroupBarrier(int parties) { this.parties = parties; }

    void await() {
        lock.lock();
        try {
            long mine = generation;
            if (++arrived >= parties) {
                advance();
                return;
            }
            while (mine == generation) advanced.awaitUninterruptibly();
        } finally {
            lock.unlock();
        }
    }

    /** A work-item finished: the others no longer wait for it. */
    void leave() {
        lock.lock();
        try {
            parties--;
            if (arrived > 0 && arrived >= parties) advance();
        } finally {
            lock.unlock();
        }
    }

    private void advance() {
        arrived = 0;
        generation++;
        advanced.signalAll();
    }
}
