package dev.mamba2j.bench;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error (results go to standard output), or nothing when turned off.
 * Without a terminal it redraws every 10 s instead of twice a second, to keep logs short.
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    Progress(String task, long points, boolean enabled) {
        bar = enabled ? new ProgressBarBuilder().setTaskName(task).setInitialMax(points).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(System.console() != null ? 500 : 10_000).continuousUpdate()
                .build() : null;
    }

    /** What the point being measured is. */
    void describe(String point) {
        if (bar != null) bar.setExtraMessage(point);
    }

    void step() {
        if (bar != null) bar.step();
    }

    @Override public void close() {
        if (bar != null) bar.close();
    }
}
