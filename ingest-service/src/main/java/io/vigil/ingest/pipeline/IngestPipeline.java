package io.vigil.ingest.pipeline;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vigil.ingest.config.IngestConfig;
import io.vigil.ingest.feed.FeedPublisher;
import io.vigil.ingest.store.BatchWriter;
import io.vigil.ingest.store.PartitionMaintenance;
import io.vigil.platform.hubs.HubDirectory;
import io.vigil.platform.broker.BatchingConsumer;
import io.vigil.platform.broker.BrokerConnection;
import io.vigil.platform.broker.MqttSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;

/**
 * Device messages in, raw events out: {@code vigil.ingest.consumers} lanes, each its own broker connection in the
 * same shared-subscription group, so that several batches are written at once. Replicas of the service join the
 * same group and split the traffic the same way.
 */
@ApplicationScoped
public class IngestPipeline {

    private final List<BatchingConsumer> lanes = new ArrayList<>();
    private final Vertx vertx;
    private final BrokerConnection broker;
    private final HubDirectory hubs;
    private final MessageClassifier classifier;
    private final BatchWriter writer;
    private final FeedPublisher feed;
    private final IngestMetrics metrics;
    private final IngestConfig config;
    private final PartitionMaintenance partitions;

    IngestPipeline(Vertx vertx, BrokerConnection broker, HubDirectory hubs, MessageClassifier classifier,
                   BatchWriter writer, FeedPublisher feed, IngestMetrics metrics, IngestConfig config,
                   PartitionMaintenance partitions) {
        this.vertx = vertx;
        this.broker = broker;
        this.hubs = hubs;
        this.classifier = classifier;
        this.writer = writer;
        this.feed = feed;
        this.metrics = metrics;
        this.config = config;
        this.partitions = partitions;
    }

    /** Subscribes once today's partitions exist, so that the first rows do not land in the default partition. */
    void start(@Observes StartupEvent event) {
        List<String> filters = new ArrayList<>();
        hubs.hubs().forEach(hub -> {
            filters.add(hub.sharedSubscription(config.subscriptionGroup(), "devices/+/messages/events/#"));
            filters.add(hub.sharedSubscription(config.subscriptionGroup(), "devices/+/modules/+/messages/events/#"));
        });
        BatchingConsumer.Settings batching = new BatchingConsumer.Settings(config.batch().maxMessages(),
                config.batch().linger(), config.batch().retryDelay());
        for (int i = 1; i <= config.consumers(); i++) {
            MqttSession session = broker.openSession("ingest-" + i);
            lanes.add(new BatchingConsumer(vertx, session, batching,
                    new IngestBatchHandler(vertx, session, classifier, writer, feed, metrics), metrics.latency()));
        }
        partitions.maintain().onComplete(done -> lanes.forEach(lane -> lane.subscribe(filters)));
    }

    void stop(@Observes ShutdownEvent event) {
        lanes.forEach(BatchingConsumer::stop);
    }
}
