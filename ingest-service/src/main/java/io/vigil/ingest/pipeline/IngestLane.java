package io.vigil.ingest.pipeline;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vigil.ingest.config.IngestConfig;
import io.vigil.ingest.feed.FeedPublisher;
import io.vigil.ingest.store.BatchWriter;
import io.vigil.platform.broker.InboundMessage;
import io.vigil.platform.broker.MqttSession;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One consumer connection's share of the device traffic. Messages are collected into batches; each batch is
 * classified on a worker thread, written in one transaction, published on the detection feed, and only then
 * acknowledged to the broker, in the order they arrived. One batch is in flight at a time per lane: while the
 * database is slow or away the broker's in-flight window fills and it stops sending, so memory stays bounded and
 * nothing is dropped.
 * <p>
 * The queue and the flags are only touched on the lane's connection event loop.
 */
final class IngestLane {

    private static final Logger LOG = Logger.getLogger(IngestLane.class);
    private static final long MAX_RETRY_DELAY_MS = 10_000;

    private final Vertx vertx;
    private final MqttSession broker;
    private final MessageClassifier classifier;
    private final BatchWriter writer;
    private final FeedPublisher feed;
    private final IngestMetrics metrics;
    private final IngestConfig config;

    private final ArrayDeque<InboundMessage> pending = new ArrayDeque<>();
    private boolean writing;
    private long lingerTimer = -1;
    private volatile boolean stopping;

    IngestLane(Vertx vertx, MqttSession broker, MessageClassifier classifier, BatchWriter writer, FeedPublisher feed,
               IngestMetrics metrics, IngestConfig config) {
        this.vertx = vertx;
        this.broker = broker;
        this.classifier = classifier;
        this.writer = writer;
        this.feed = feed;
        this.metrics = metrics;
        this.config = config;
    }

    void subscribe(List<String> topicFilters) {
        topicFilters.forEach(filter -> broker.subscribe(filter, this::accept));
    }

    void stop() {
        stopping = true;
    }

    private void accept(InboundMessage message) {
        pending.add(message);
        if (writing) {
            return;
        }
        if (pending.size() >= config.batch().maxMessages()) {
            cancelLinger();
            writeNextBatch();
        } else if (lingerTimer < 0) {
            lingerTimer = vertx.setTimer(Math.max(1, config.batch().linger().toMillis()), id -> {
                lingerTimer = -1;
                if (!writing) {
                    writeNextBatch();
                }
            });
        }
    }

    private void writeNextBatch() {
        if (pending.isEmpty() || stopping) {
            return;
        }
        writing = true;
        Context context = Vertx.currentContext();
        List<InboundMessage> batch = new ArrayList<>(Math.min(pending.size(), config.batch().maxMessages()));
        while (!pending.isEmpty() && batch.size() < config.batch().maxMessages()) {
            batch.add(pending.poll());
        }
        vertx.<List<Classification>>executeBlocking(() -> classify(batch), false)
                .compose(classified -> writeWithRetry(classified, batch, config.batch().retryDelay().toMillis()))
                .compose(stored -> feed.publish(broker::publish, stored).map(stored))
                .onComplete(result -> context.runOnContext(v -> finish(batch, result.succeeded() ? result.result() : null,
                        result.cause())));
    }

    private List<Classification> classify(List<InboundMessage> batch) {
        List<Classification> classified = new ArrayList<>(batch.size());
        for (InboundMessage message : batch) {
            classified.add(classifier.classify(message.topic(), message.payload()));
        }
        return classified;
    }

    /**
     * Retries while the database is unavailable, as long as the messages can still be acknowledged on their
     * connection; once it is gone the broker redelivers them and retrying here would only write them twice.
     */
    private Future<List<Classification>> writeWithRetry(List<Classification> classified, List<InboundMessage> batch, long delayMs) {
        long started = System.nanoTime();
        return writer.write(classified)
                .onSuccess(stored -> metrics.batchWritten(Duration.ofNanos(System.nanoTime() - started)))
                .recover(error -> {
                    if (stopping || !broker.isConnected()) {
                        return Future.failedFuture(error);
                    }
                    LOG.warnf("Writing a batch of %d messages failed (%s); retrying in %d ms", batch.size(),
                            error.getMessage(), delayMs);
                    Promise<Void> wait = Promise.promise();
                    vertx.setTimer(delayMs, id -> wait.complete());
                    return wait.future().compose(v -> writeWithRetry(classified, batch,
                            Math.min(delayMs * 2, MAX_RETRY_DELAY_MS)));
                });
    }

    private void finish(List<InboundMessage> batch, List<Classification> stored, Throwable failure) {
        if (stored != null) {
            metrics.count(stored);
            for (InboundMessage message : batch) {
                if (message.ack()) {
                    metrics.acknowledged(message.receivedAtNanos());
                }
            }
        } else {
            LOG.warnf("A batch of %d messages was not acknowledged (%s); the broker will deliver it again",
                    batch.size(), failure == null ? "stopping" : failure.getMessage());
        }
        writing = false;
        // What queued up while this batch was written has waited long enough already.
        cancelLinger();
        writeNextBatch();
    }

    private void cancelLinger() {
        if (lingerTimer >= 0) {
            vertx.cancelTimer(lingerTimer);
            lingerTimer = -1;
        }
    }
}
