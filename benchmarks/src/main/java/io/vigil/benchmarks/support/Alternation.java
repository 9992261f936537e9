package io.vigil.benchmarks.support;

import java.time.Duration;

/**
 * Times a service call and the hand-written SQL for the same question, alternating run by run so both see the same
 * machine, after warm-up runs that are not counted (see {@link #time}); keeps the last answer of each, to compare them.
 */
public final class Alternation<S, Q> {

    /** One side of the comparison. */
    @FunctionalInterface
    public interface Side<T> {
        T run() throws Exception;
    }

    private final long[] serviceNanos;
    private final long[] sqlNanos;
    private S serviceAnswer;
    private Q sqlAnswer;

    private Alternation(int runs) {
        this.serviceNanos = new long[runs];
        this.sqlNanos = new long[runs];
    }

    /**
     * Warms both sides up, alternating, for at least {@code minWarmUps} runs and {@code warmUpTime} (so that a query
     * of a few milliseconds is timed on JIT-compiled code, on the service's side and on this client's HTTP and JDBC
     * stacks alike, as a long-running client would see it), then times {@code runs} alternating runs.
     */
    public static <S, Q> Alternation<S, Q> time(int minWarmUps, Duration warmUpTime, int runs, Side<S> service, Side<Q> sql)
            throws Exception {
        Alternation<S, Q> timed = new Alternation<>(runs);
        long warmUpEnd = System.nanoTime() + warmUpTime.toNanos();
        for (int run = 0; run < minWarmUps || System.nanoTime() < warmUpEnd; run++) {
            timed.serviceAnswer = service.run();
            timed.sqlAnswer = sql.run();
        }
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            timed.serviceAnswer = service.run();
            timed.serviceNanos[run] = System.nanoTime() - start;
            start = System.nanoTime();
            timed.sqlAnswer = sql.run();
            timed.sqlNanos[run] = System.nanoTime() - start;
        }
        return timed;
    }

    public double serviceMillis(double percentile) {
        return Percentiles.millis(serviceNanos, percentile);
    }

    public double sqlMillis(double percentile) {
        return Percentiles.millis(sqlNanos, percentile);
    }

    public S serviceAnswer() {
        return serviceAnswer;
    }

    public Q sqlAnswer() {
        return sqlAnswer;
    }
}
