package io.vigil.twin.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vigil.contracts.feed.EventFeed;
import io.vigil.contracts.findings.FindingFeed;
import io.vigil.platform.broker.BatchingConsumer;
import io.vigil.platform.broker.FeedBatchParts;
import io.vigil.platform.broker.DeadLetters;
import io.vigil.platform.broker.BrokerConnection;
import io.vigil.platform.broker.MqttSession;
import io.vigil.twin.config.TwinConfig;
import io.vigil.twin.store.TwinStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.List;

/**
 * One connection in the twin group taking the event feed (registration) and the findings (tags). A single
 * connection keeps one device's notices in the order detection published them.
 */
@ApplicationScoped
public class TwinSync {

    private final Vertx vertx;
    private final BrokerConnection broker;
    private final Pool pool;
    private final ObjectMapper mapper;
    private final TwinStore twins;
    private final TwinConfig config;
    private final Timer latency;
    private final DeadLetters deadLetters;
    private BatchingConsumer consumer;

    TwinSync(Vertx vertx, BrokerConnection broker, Pool pool, ObjectMapper mapper, TwinStore twins, TwinConfig config,
             MeterRegistry registry, DeadLetters deadLetters) {
        this.vertx = vertx;
        this.broker = broker;
        this.pool = pool;
        this.mapper = mapper;
        this.twins = twins;
        this.config = config;
        this.deadLetters = deadLetters;
        this.latency = Timer.builder("vigil.twin.sync.latency").description("from receipt to acknowledgement").register(registry);
    }

    void start(@Observes StartupEvent event) {
        MqttSession session = broker.openSession("twin-sync");
        consumer = new BatchingConsumer(vertx, session, new BatchingConsumer.Settings(200, Duration.ofMillis(5), Duration.ofMillis(200)),
                new TwinSyncHandler(pool, mapper, twins, config), latency, "twin-sync", deadLetters, new FeedBatchParts(mapper));
        String group = "$share/" + config.subscriptionGroup() + "/";
        consumer.subscribe(List.of(group + EventFeed.TOPIC_ROOT + "/#", group + FindingFeed.ALERTS_ROOT + "/#",
                group + FindingFeed.RECOMMENDATIONS_ROOT + "/#"));
    }

    void stop(@Observes ShutdownEvent event) {
        if (consumer != null) {
            consumer.stop();
        }
    }
}
