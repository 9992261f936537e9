package io.vigil.benchmarks.support;

import java.util.Arrays;

/** Percentiles of timings in nanoseconds, in milliseconds: the nearest-rank value, so p99 of 30 runs is the slowest. */
public final class Percentiles {

    private Percentiles() {
    }

    public static double millis(long[] nanos, double percentile) {
        if (nanos.length == 0) {
            return 0;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }
}
