package io.vigil.faults.scenarios;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of a list of milliseconds. */
final class Percentiles {

    private Percentiles() {
    }

    static long of(List<Long> values, double quantile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(quantile * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static String describe(List<Long> values) {
        if (values.isEmpty()) {
            return "no probes";
        }
        return values.size() + " probes, p50 " + of(values, 0.5) + " ms, p99 " + of(values, 0.99) + " ms, max "
                + of(values, 1.0) + " ms";
    }
}
