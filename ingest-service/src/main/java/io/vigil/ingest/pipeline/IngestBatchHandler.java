package io.vigil.ingest.pipeline;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.ingest.feed.FeedPublisher;
import io.vigil.ingest.store.BatchWriter;
import io.vigil.platform.broker.BatchingConsumer;
import io.vigil.platform.broker.InboundMessage;
import io.vigil.platform.broker.MqttSession;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What ingest does with one batch of device messages: classify them on a worker thread (parsing is CPU work),
 * write rows and rejects in one transaction, then publish the stored messages on the detection feed through the
 * lane's own connection. Every step is idempotent, so a retried or redelivered batch changes nothing twice.
 */
final class IngestBatchHandler implements BatchingConsumer.BatchHandler {

    private final Vertx vertx;
    private final MqttSession lane;
    private final MessageClassifier classifier;
    private final BatchWriter writer;
    private final FeedPublisher feed;
    private final IngestMetrics metrics;

    IngestBatchHandler(Vertx vertx, MqttSession lane, MessageClassifier classifier, BatchWriter writer,
                       FeedPublisher feed, IngestMetrics metrics) {
        this.vertx = vertx;
        this.lane = lane;
        this.classifier = classifier;
        this.writer = writer;
        this.feed = feed;
        this.metrics = metrics;
    }

    @Override
    public Future<Void> handle(List<InboundMessage> batch) {
        return vertx.<List<Classification>>executeBlocking(() -> classify(batch), false)
                .compose(this::write)
                .compose(stored -> feed.publish(lane::publish, stored).map(stored))
                .map(stored -> {
                    metrics.count(stored);
                    return null;
                });
    }

    private Future<List<Classification>> write(List<Classification> classified) {
        long started = System.nanoTime();
        return writer.write(classified)
                .onSuccess(stored -> metrics.batchWritten(Duration.ofNanos(System.nanoTime() - started)));
    }

    private List<Classification> classify(List<InboundMessage> batch) {
        List<Classification> classified = new ArrayList<>(batch.size());
        for (InboundMessage message : batch) {
            classified.add(classifier.classify(message.topic(), message.payload()));
        }
        return classified;
    }
}
