package io.vigil.ingest.store;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vigil.ingest.RawEvent;
import io.vigil.ingest.message.RejectedEvent;
import io.vigil.ingest.message.Rejection;
import io.vigil.ingest.pipeline.Classification;
import io.vigil.ingest.rejects.NewReject;
import io.vigil.ingest.rejects.RejectStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what a batch of messages produced (raw events, device activity, rejects) in one transaction.
 * <p>
 * When PostgreSQL refuses the data itself (SQLSTATE class 22, e.g. a NUL character), the batch is written message by message and a
 * message that is refused alone becomes a reject with the database's reason: one hostile message can neither
 * stall the pipeline nor take its neighbours down with it.
 */
@ApplicationScoped
public class BatchWriter {

    private static final Logger LOG = Logger.getLogger(BatchWriter.class);

    private final Pool pool;
    private final RawEventStore rawEvents;
    private final DeviceActivityStore activity;
    private final RejectStore rejects;

    BatchWriter(Pool pool, RawEventStore rawEvents, DeviceActivityStore activity, RejectStore rejects) {
        this.pool = pool;
        this.rawEvents = rawEvents;
        this.activity = activity;
        this.rejects = rejects;
    }

    /** Writes the batch; the future holds the classifications as finally stored (some may have become refusals). */
    public Future<List<Classification>> write(List<Classification> batch) {
        return writeTogether(batch).map(v -> batch).recover(error -> {
            if (!isDataError(error) || batch.size() == 1 && batch.get(0) instanceof Classification.Refused) {
                return Future.failedFuture(error);
            }
            LOG.warnf("PostgreSQL refused a batch of %d messages (%s); writing them one by one", batch.size(), error.getMessage());
            return writeOneByOne(batch);
        });
    }

    private Future<Void> writeTogether(List<Classification> batch) {
        List<RawEvent> rows = new ArrayList<>();
        List<NewReject> newRejects = new ArrayList<>();
        Map<String, DeviceActivityStore.Activity> devices = new LinkedHashMap<>();
        for (Classification item : batch) {
            if (item instanceof Classification.Accepted accepted) {
                rows.addAll(accepted.rows());
                for (RejectedEvent event : accepted.rejectedEvents()) {
                    newRejects.add(NewReject.of(event.index(), accepted.hub().resourceId().toString(),
                            accepted.device().deviceId(), accepted.device().moduleId().orElse(null), accepted.topic(),
                            event.reasons(), accepted.body()));
                }
                noteActivity(devices, accepted);
            } else if (item instanceof Classification.Refused refused) {
                newRejects.add(NewReject.of(NewReject.WHOLE_MESSAGE, refused.hub().resourceId().toString(),
                        refused.device().deviceId(), refused.device().moduleId().orElse(null), refused.topic(),
                        refused.reasons(), refused.body()));
            }
        }
        if (rows.isEmpty() && newRejects.isEmpty() && devices.isEmpty()) {
            return Future.succeededFuture();
        }
        return pool.withTransaction(connection -> rawEvents.insert(connection, rows)
                .compose(inserted -> activity.record(connection, devices.values()))
                .compose(v -> rejects.insert(connection, newRejects)));
    }

    private Future<List<Classification>> writeOneByOne(List<Classification> batch) {
        List<Classification> stored = new ArrayList<>(batch.size());
        Future<Void> chain = Future.succeededFuture();
        for (Classification item : batch) {
            chain = chain.compose(v -> writeTogether(List.of(item))
                    .map(ok -> stored.add(item))
                    .recover(error -> {
                        if (!isDataError(error) || !(item instanceof Classification.Accepted accepted)) {
                            return Future.failedFuture(error);
                        }
                        Classification.Refused refused = new Classification.Refused(accepted.topic(), accepted.body(),
                                accepted.hub(), accepted.device(), List.of(new Rejection("$", Rejection.STORAGE,
                                "PostgreSQL refused the message's data: " + error.getMessage())));
                        return writeTogether(List.of(refused)).map(ok -> stored.add(refused));
                    })
                    .mapEmpty());
        }
        return chain.map(v -> stored);
    }

    private static void noteActivity(Map<String, DeviceActivityStore.Activity> devices, Classification.Accepted accepted) {
        String hub = accepted.hub().resourceId().toString();
        String device = accepted.device().deviceId();
        java.time.Instant seen = java.time.Instant.now();
        devices.merge(hub + "\n" + device,
                new DeviceActivityStore.Activity(hub, device, accepted.message().agentId(), accepted.message().agentVersion(), seen, 1),
                (before, now) -> new DeviceActivityStore.Activity(hub, device, now.agentId(), now.agentVersion(), now.seen(),
                        before.messages() + 1));
    }

    /**
     * Only data exceptions are the message's fault. Integrity errors are not: duplicates are absorbed by the key,
     * and a partition check failing while a partition is being attached is a moment to wait out, not a reject.
     */
    private static boolean isDataError(Throwable error) {
        return error instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("22");
    }
}
