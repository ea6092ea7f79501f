package dev.mamba2j.tornado.driver.jvm;

import dev.mamba2j.tornado.api.KernelContext;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/** One work-group on the host: its local arrays and, when its work-items run as threads, its barrier. */
final class HostWorkGroup implements KernelContext.WorkGroup {
    private final GroupBarrier barrier;
    private final List<Object> locals = new ArrayList<>(2);

    /** @param parties the work-items that will meet at the barrier, or 0 when they run in a loop */
    HostWorkGroup(int parties) {
        this.barrier = parties > 0 ? new GroupBarrier(parties) : null;
    }

    @Override public void barrier() {
        if (barrier == null)
            throw new IllegalStateException("localBarrier() reached in a kernel whose work-items run in a loop; "
                    + "the barrier scan missed a call path (calls through interfaces or lambdas are not followed)");
        barrier.await();
    }

    /** Called by each work-item thread when it finishes, normally or not. */
    void leave() {
        if (barrier != null) barrier.leave();
    }

    @Override public synchronized Object localArray(int ordinal, Class<?> elementType, int size) {
        if (ordinal < locals.size()) {
            Object existing = locals.get(ordinal);
            if (existing.getClass().componentType() != elementType || Array.getLength(existing) != size)
                throw new IllegalStateException("work-items of one group allocated different local arrays at position " + ordinal);
            return existing;
        }
        if (ordinal != locals.size()) throw new IllegalStateException("local arrays allocated out of order");
        Object array = Array.newInstance(elementType, size);
        locals.add(array);
        return array;
    }
}
