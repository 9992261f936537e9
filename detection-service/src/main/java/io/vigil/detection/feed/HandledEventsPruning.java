package io.vigil.detection.feed;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import io.vigil.detection.config.DetectionConfig;
import io.vigil.platform.rest.Unis;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Forgets handled event ids older than {@code vigil.detection.remember-events} (P7D): the broker redelivers within
 * hours at most, and the table grows by a row per event. Deletes in slices, each its own short transaction, so that
 * a day's worth of rows never becomes one long delete; every replica runs it, and two at once only share the work.
 */
@ApplicationScoped
public class HandledEventsPruning {

    private static final Logger LOG = Logger.getLogger(HandledEventsPruning.class);
    static final int SLICE = 20_000;
    private static final String PRUNE = """
            DELETE FROM detection.handled_event WHERE key IN (
                SELECT key FROM detection.handled_event WHERE handled_at < $1 LIMIT %d)
            """.formatted(SLICE);

    private final Pool pool;
    private final DetectionConfig config;

    HandledEventsPruning(Pool pool, DetectionConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return Unis.from(prune(Instant.now().minus(config.rememberEvents())).<Void>mapEmpty())
                .onFailure().invoke(error -> LOG.warnf("pruning handled events failed: %s", error.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Deletes the ids handled before {@code before}; answers how many. */
    public Future<Long> prune(Instant before) {
        return slice(before, 0);
    }

    private Future<Long> slice(Instant before, long deletedSoFar) {
        return pool.preparedQuery(PRUNE).execute(Tuple.of(before.atOffset(ZoneOffset.UTC))).compose(rows -> {
            long total = deletedSoFar + rows.rowCount();
            return rows.rowCount() < SLICE ? Future.succeededFuture(total) : slice(before, total);
        });
    }
}
