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

    /** 400 calls a second at most: below the services' default request rate per client (500 a second). */
    public static final Duration BELOW_THE_RATE_LIMIT = Duration.ofNanos(2_500_000);

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
     * stacks alike, as a long-running client would see it), then times {@code runs} alternating runs. Service calls
     * start at most once per {@code serviceInterval}: the services limit each client's request rate (500 a second by
     * default), and a call of half a millisecond would go past it. The wait comes before a call's clock starts, so it
     * is not timed.
     */
    public static <S, Q> Alternation<S, Q> time(int minWarmUps, Duration warmUpTime, int runs, Duration serviceInterval,
                                                Side<S> service, Side<Q> sql) throws Exception {
        Alternation<S, Q> timed = new Alternation<>(runs);
        long interval = serviceInterval.toNanos();
        long nextCall = System.nanoTime();
        long warmUpEnd = System.nanoTime() + warmUpTime.toNanos();
        for (int run = 0; run < minWarmUps || System.nanoTime() < warmUpEnd; run++) {
            nextCall = waitUntil(nextCall) + interval;
            timed.serviceAnswer = service.run();
            timed.sqlAnswer = sql.run();
        }
        for (int run = 0; run < runs; run++) {
            nextCall = waitUntil(nextCall) + interval;
            long start = System.nanoTime();
            timed.serviceAnswer = service.run();
            timed.serviceNanos[run] = System.nanoTime() - start;
            start = System.nanoTime();
            timed.sqlAnswer = sql.run();
            timed.sqlNanos[run] = System.nanoTime() - start;
        }
        return timed;
    }

    /** Sleeps until the given {@link System#nanoTime()}, if it is still ahead; returns the time it is now. */
    private static long waitUntil(long nanoTime) throws InterruptedException {
        long now = System.nanoTime();
        if (nanoTime > now) {
            Thread.sleep((nanoTime - now) / 1_000_000, (int) ((nanoTime - now) % 1_000_000));
            now = System.nanoTime();
        }
        return now;
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
