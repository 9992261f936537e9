package io.vigil.detection.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vigil.contracts.feed.EventFeed;
import io.vigil.detection.alerts.AlertStore;
import io.vigil.detection.customalerts.CustomAlertRules;
import io.vigil.detection.config.DetectionConfig;
import io.vigil.detection.findings.FindingPublisher;
import io.vigil.detection.hardware.HardwareSnapshots;
import io.vigil.detection.recommendations.RecommendationStore;
import io.vigil.detection.rules.RuleCatalog;
import io.vigil.detection.stateful.BruteForceDetector;
import io.vigil.detection.stateful.DeviceLifecycle;
import io.vigil.detection.threatintel.ThreatIntelligence;
import io.vigil.platform.broker.BatchingConsumer;
import io.vigil.platform.broker.FeedBatchParts;
import io.vigil.platform.broker.DeadLetters;
import io.vigil.platform.broker.BrokerConnection;
import io.vigil.platform.broker.MqttSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes ingest's event feed with {@code vigil.detection.consumers} connections in one shared-subscription group.
 * The rule catalog and the threat-intelligence lists are loaded first: a broken rule file or list stops the service
 * here, before it takes any event.
 */
@ApplicationScoped
public class FeedConsumer {

    private static final Logger LOG = Logger.getLogger(FeedConsumer.class);

    private final List<BatchingConsumer> lanes = new ArrayList<>();
    private final Vertx vertx;
    private final BrokerConnection broker;
    private final Pool pool;
    private final ObjectMapper mapper;
    private final DetectionConfig config;
    private final BruteForceDetector bruteForce;
    private final HardwareSnapshots hardware;
    private final DeviceLifecycle devices;
    private final AlertStore alerts;
    private final RecommendationStore recommendations;
    private final FindingPublisher publisher;
    private final CustomAlertRules customAlerts;
    private final Timer latency;
    private final DeadLetters deadLetters;

    FeedConsumer(Vertx vertx, BrokerConnection broker, Pool pool, ObjectMapper mapper, DetectionConfig config,
                 BruteForceDetector bruteForce, HardwareSnapshots hardware, DeviceLifecycle devices, AlertStore alerts,
                 RecommendationStore recommendations, FindingPublisher publisher, CustomAlertRules customAlerts,
                 MeterRegistry registry, DeadLetters deadLetters) {
        this.vertx = vertx;
        this.broker = broker;
        this.pool = pool;
        this.mapper = mapper;
        this.config = config;
        this.bruteForce = bruteForce;
        this.hardware = hardware;
        this.devices = devices;
        this.alerts = alerts;
        this.recommendations = recommendations;
        this.publisher = publisher;
        this.customAlerts = customAlerts;
        this.deadLetters = deadLetters;
        this.latency = Timer.builder("vigil.detection.feed.latency").description("from receipt to acknowledgement").register(registry);
    }

    void start(@Observes StartupEvent event) {
        RuleCatalog rules = RuleCatalog.load(mapper, config);
        LOG.infof("Loaded %d single-event rules", rules.size());
        ThreatIntelligence threatIntel = ThreatIntelligence.load(config);
        LOG.infof("Loaded %s", threatIntel.summary());
        BatchingConsumer.Settings batching = new BatchingConsumer.Settings(config.batchMaxMessages(), config.batchLinger(),
                Duration.ofMillis(200));
        for (int i = 1; i <= config.consumers(); i++) {
            MqttSession session = broker.openSession("detection-" + i);
            BatchingConsumer lane = new BatchingConsumer(vertx, session, batching, new DetectionBatchHandler(pool, mapper,
                    session, rules, threatIntel, bruteForce, hardware, devices, alerts, recommendations, publisher, customAlerts), latency,
                    "detection-feed", deadLetters, new FeedBatchParts(mapper));
            lane.subscribe(List.of(EventFeed.sharedSubscription(config.subscriptionGroup())));
            lanes.add(lane);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        lanes.forEach(BatchingConsumer::stop);
    }
}
