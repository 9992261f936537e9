package io.vigil.detection.stateful;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vigil.platform.rest.Unis;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vigil.contracts.findings.AlertNotice;
import io.vigil.detection.AlertHit;
import io.vigil.detection.alerts.AlertStore;
import io.vigil.detection.config.DetectionConfig;
import io.vigil.detection.findings.FindingPublisher;
import io.vigil.platform.broker.BrokerConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Raises DeviceSilent for devices that sent nothing for {@code vigil.detection.silence.after} (72 hours). Runs on
 * every replica; {@code FOR UPDATE SKIP LOCKED} hands each silent device to exactly one of them, and a device is
 * raised once per silence (its next message clears the mark).
 */
@ApplicationScoped
public class SilenceScan {

    private static final Logger LOG = Logger.getLogger(SilenceScan.class);
    private static final int BATCH = 500;
    private static final String CLAIM = """
            UPDATE detection.device SET silence_raised_at = now()
            WHERE (hub, device_id) IN (
                SELECT hub, device_id FROM detection.device
                WHERE last_seen < $1 AND silence_raised_at IS NULL
                ORDER BY last_seen LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING hub, device_id, last_seen
            """;

    private final Pool pool;
    private final AlertStore alerts;
    private final FindingPublisher publisher;
    private final BrokerConnection broker;
    private final Duration after;

    SilenceScan(Pool pool, AlertStore alerts, FindingPublisher publisher, BrokerConnection broker, DetectionConfig config) {
        this.pool = pool;
        this.alerts = alerts;
        this.publisher = publisher;
        this.broker = broker;
        this.after = config.silence().after();
    }

    @Scheduled(every = "${vigil.detection.silence.scan-every:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        // A Uni, so that SKIP waits for the scan itself, not only for the call that starts it.
        return Unis.from(scan()).onFailure().invoke(error -> LOG.warnf("silence scan failed: %s", error.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Raises the alerts for one batch of silent devices; the future holds how many. */
    public Future<Integer> scan() {
        Instant now = Instant.now();
        List<AlertNotice> notices = new ArrayList<>();
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM)
                        .execute(Tuple.of(now.minus(after).atOffset(java.time.ZoneOffset.UTC), BATCH))
                        .compose(rows -> {
                            List<AlertHit> hits = new ArrayList<>();
                            for (Row row : rows) {
                                Instant lastSeen = row.getOffsetDateTime("last_seen").toInstant();
                                String device = row.getString("device_id");
                                hits.add(new AlertHit(row.getString("hub"), device, DeviceLifecycle.SILENT, now,
                                        DeviceLifecycle.evidence(device, lastSeen), JsonNodeFactory.instance.arrayNode()));
                            }
                            return alerts.record(connection, hits);
                        })
                        .map(recorded -> {
                            notices.addAll(recorded);
                            return notices.size();
                        }))
                .compose(count -> publisher.publish(broker::publish, notices, List.of()).map(count));
    }
}
