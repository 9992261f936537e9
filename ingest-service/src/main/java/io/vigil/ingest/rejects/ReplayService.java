package io.vigil.ingest.rejects;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vigil.ingest.feed.FeedPublisher;
import io.vigil.ingest.message.Rejection;
import io.vigil.ingest.pipeline.Classification;
import io.vigil.ingest.pipeline.MessageClassifier;
import io.vigil.ingest.store.BatchWriter;
import io.vigil.platform.broker.BrokerConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Runs a stored reject through today's classifier again, e.g. after an operator fixed a hub's configuration or
 * the parser learnt a new agent quirk. What is valid now is stored and published exactly as if it had just
 * arrived (the raw-event key makes a second replay harmless); what is still invalid keeps today's reasons.
 */
@ApplicationScoped
public class ReplayService {

    private final RejectStore rejects;
    private final MessageClassifier classifier;
    private final BatchWriter writer;
    private final FeedPublisher feed;
    private final Pool pool;
    private final BrokerConnection broker;

    ReplayService(RejectStore rejects, MessageClassifier classifier, BatchWriter writer, FeedPublisher feed, Pool pool,
                  BrokerConnection broker) {
        this.broker = broker;
        this.rejects = rejects;
        this.classifier = classifier;
        this.writer = writer;
        this.feed = feed;
        this.pool = pool;
    }

    public record ReplayOutcome(long id, String outcome, int rawEvents, List<Rejection> reasons) {
    }

    public Future<Optional<ReplayOutcome>> replay(long id) {
        return rejects.find(id).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            RejectedMessage reject = found.get();
            return rejects.body(id).compose(body -> replay(reject, body.orElseThrow()).map(Optional::of));
        });
    }

    private Future<ReplayOutcome> replay(RejectedMessage reject, RejectStore.StoredBody stored) {
        Classification classification = classifier.classify(stored.topic(), stored.body());
        List<Rejection> stillWrong = reasonsFor(reject, classification);
        if (!stillWrong.isEmpty()) {
            return pool.withTransaction(c -> rejects.recordReplay(c, reject.id(), false, stillWrong))
                    .map(v -> new ReplayOutcome(reject.id(), "still-rejected", 0, stillWrong));
        }
        if (!(classification instanceof Classification.Accepted accepted)) {
            List<Rejection> skipped = List.of(new Rejection("topic", "skipped",
                    ((Classification.Skipped) classification).why()));
            return pool.withTransaction(c -> rejects.recordReplay(c, reject.id(), false, skipped))
                    .map(v -> new ReplayOutcome(reject.id(), "still-rejected", 0, skipped));
        }
        // Only the rows are stored again: the other events' rejects are their own entries with their own replays.
        Classification.Accepted rowsOnly = new Classification.Accepted(accepted.topic(), accepted.body(), accepted.hub(),
                accepted.device(), accepted.message(), accepted.rows(), List.of());
        return writer.write(List.of(rowsOnly))
                .compose(written -> feed.publish(broker::publish, written))
                .compose(v -> pool.withTransaction(c -> rejects.recordReplay(c, reject.id(), true, List.of())))
                .map(v -> new ReplayOutcome(reject.id(), "accepted", accepted.rows().size(), List.of()));
    }

    /** Today's reasons against the part of the message this reject is about: the whole, or one event. */
    private static List<Rejection> reasonsFor(RejectedMessage reject, Classification classification) {
        if (classification instanceof Classification.Refused refused) {
            return refused.reasons();
        }
        if (classification instanceof Classification.Accepted accepted && reject.eventIndex() != null) {
            return accepted.rejectedEvents().stream()
                    .filter(event -> event.index() == reject.eventIndex())
                    .findFirst()
                    .map(event -> event.reasons())
                    .orElse(List.of());
        }
        return List.of();
    }
}
