package io.vigil.ingest.store;

import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import io.vigil.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Keeps daily partitions of SecurityIoTRawEvent ready ahead of time and drops those past retention. Runs before
 * the pipeline subscribes and every hour; the SQL functions serialise replicas that run it at once.
 */
@ApplicationScoped
public class PartitionMaintenance {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);

    private final Pool pool;
    private final IngestConfig.Retention retention;

    PartitionMaintenance(Pool pool, IngestConfig config) {
        this.pool = pool;
        this.retention = config.retention();
    }

    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void hourly() {
        maintain();
    }

    /** Creates the partitions that are due and drops the expired ones; the pipeline waits for it at start-up. */
    public Future<Void> maintain() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return pool.preparedQuery("SELECT workspace.ensure_raw_event_partitions($1, $2)")
                .execute(Tuple.of(today.minusDays(retention.partitionDaysBehind()), today.plusDays(retention.partitionDaysAhead())))
                .compose(created -> pool.preparedQuery("SELECT workspace.drop_raw_event_partitions_before($1)")
                        .execute(Tuple.of(today.minusDays(retention.rawEventDays()))))
                .onSuccess(dropped -> LOG.debugf("raw event partitions maintained"))
                .onFailure(error -> LOG.warnf("raw event partition maintenance failed: %s", error.getMessage()))
                .mapEmpty();
    }
}
