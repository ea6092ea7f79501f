package dev.mamba2j.bench;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Order statistics of repeated timings in nanoseconds: median, p10, p90, mean, min. Percentiles
 * are commons-math3's default estimator (the R-6 / Excel "PERCENTILE.EXC" definition).
 */
record Stats(int n, double medianNs, double p10Ns, double p90Ns, double meanNs, double minNs) {

    static Stats of(long[] nanos) {
        if (nanos.length == 0) throw new IllegalArgumentException("no timings");
        DescriptiveStatistics d = new DescriptiveStatistics(Arrays.stream(nanos).asDoubleStream().toArray());
        return new Stats(nanos.length, d.getPercentile(50), d.getPercentile(10), d.getPercentile(90), d.getMean(), d.getMin());
    }

    double medianMs() { return medianNs / 1e6; }

    double p10Ms() { return p10Ns / 1e6; }

    double p90Ms() { return p90Ns / 1e6; }
}
