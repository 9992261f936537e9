package io.vigil.benchmarks.support;

/**
 * Times a service call and the hand-written SQL for the same question, alternating run by run so both see the same
 * machine, after warm-up runs that are not counted; keeps the last answer of each, to compare them.
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

    public static <S, Q> Alternation<S, Q> time(int warmUps, int runs, Side<S> service, Side<Q> sql) throws Exception {
        Alternation<S, Q> timed = new Alternation<>(runs);
        for (int run = -warmUps; run < runs; run++) {
            long start = System.nanoTime();
            timed.serviceAnswer = service.run();
            long serviceTime = System.nanoTime() - start;
            start = System.nanoTime();
            timed.sqlAnswer = sql.run();
            long sqlTime = System.nanoTime() - start;
            if (run >= 0) {
                timed.serviceNanos[run] = serviceTime;
                timed.sqlNanos[run] = sqlTime;
            }
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
