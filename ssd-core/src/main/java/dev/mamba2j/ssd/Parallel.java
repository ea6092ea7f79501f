package dev.mamba2j.ssd;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Runs independent work items on the common fork-join pool, like the work-groups of a kernel launch. */
final class Parallel {

    private Parallel() {}

    static void forEach(int items, IntConsumer body) {
        if (items == 1) {
            body.accept(0);
        } else {
            IntStream.range(0, items).parallel().forEach(body);
        }
    }
}
