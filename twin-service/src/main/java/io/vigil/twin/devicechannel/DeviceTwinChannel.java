package io.vigil.twin.devicechannel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vigil.platform.broker.BatchingConsumer;
import io.vigil.platform.broker.DeadLetters;
import io.vigil.platform.broker.BrokerConnection;
import io.vigil.platform.broker.MqttSession;
import io.vigil.platform.hubs.HubDirectory;
import io.vigil.twin.config.TwinConfig;
import io.vigil.twin.hubevents.TwinUpdateReporter;
import io.vigil.twin.store.TwinStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The connection that takes devices' twin requests of every configured hub, in the twin group so replicas split
 * them. A connection of its own, so devices' requests never wait behind a burst of findings.
 */
@ApplicationScoped
public class DeviceTwinChannel {

    private final Vertx vertx;
    private final BrokerConnection broker;
    private final HubDirectory hubs;
    private final TwinStore twins;
    private final ObjectMapper mapper;
    private final TwinConfig config;
    private final Timer latency;
    private final DeadLetters deadLetters;
    private final TwinUpdateReporter updates;
    private BatchingConsumer consumer;

    DeviceTwinChannel(Vertx vertx, BrokerConnection broker, HubDirectory hubs, TwinStore twins, ObjectMapper mapper, TwinConfig config,
                      MeterRegistry registry, DeadLetters deadLetters, TwinUpdateReporter updates) {
        this.updates = updates;
        this.vertx = vertx;
        this.broker = broker;
        this.hubs = hubs;
        this.twins = twins;
        this.mapper = mapper;
        this.config = config;
        this.deadLetters = deadLetters;
        this.latency = Timer.builder("vigil.twin.device.request.latency").description("from a device's twin request to its answer")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        MqttSession session = broker.openSession("twin-devices");
        DeviceTwinRequests requests = new DeviceTwinRequests(hubs, twins, mapper, config.deviceChannel(), updates);
        requests.answerOn(session);
        consumer = new BatchingConsumer(vertx, session, new BatchingConsumer.Settings(100, Duration.ofMillis(1), Duration.ofMillis(200)),
                requests, latency, "twin-device-requests", deadLetters);
        List<String> filters = new ArrayList<>();
        for (HubDirectory.Hub hub : hubs.hubs()) {
            for (String filter : TwinTopic.REQUEST_FILTERS) {
                filters.add(hub.sharedSubscription(config.subscriptionGroup(), filter));
            }
        }
        consumer.subscribe(filters);
    }

    void stop(@Observes ShutdownEvent event) {
        if (consumer != null) {
            consumer.stop();
        }
    }
}
