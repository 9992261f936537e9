package io.vigil.detection.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vigil.contracts.feed.FeedBatch;
import io.vigil.contracts.feed.FeedEvent;
import io.vigil.contracts.feed.FeedMessage;
import io.vigil.contracts.findings.AlertNotice;
import io.vigil.contracts.findings.RecommendationNotice;
import io.vigil.detection.AlertHit;
import io.vigil.detection.Observation;
import io.vigil.detection.alerts.AlertStore;
import io.vigil.detection.customalerts.Activity;
import io.vigil.detection.customalerts.CustomAlertRules;
import io.vigil.detection.customalerts.TimeWindowRuleType;
import io.vigil.detection.findings.FindingPublisher;
import io.vigil.detection.hardware.HardwareSnapshots;
import io.vigil.detection.recommendations.Assessment;
import io.vigil.detection.recommendations.RecommendationStore;
import io.vigil.detection.recommendations.SnapshotAssessor;
import io.vigil.detection.rules.RuleCatalog;
import io.vigil.detection.stateful.BruteForceDetector;
import io.vigil.detection.stateful.DeviceLifecycle;
import io.vigil.detection.threatintel.ThreatIntelligence;
import io.vigil.platform.broker.BatchingConsumer;
import io.vigil.platform.broker.InboundMessage;
import io.vigil.platform.broker.MqttSession;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What detection does with a batch of feed messages, in one transaction: forget events it has handled before (a
 * redelivery), note each device as seen, run the single-event rules, the threat-intelligence lists, the brute-force
 * windows, the hardware snapshots, the custom alert rules of the devices' security groups and the snapshot
 * assessments, record alerts and recommendations; then publish the resulting notices for the twins.
 */
final class DetectionBatchHandler implements BatchingConsumer.BatchHandler {

    private static final Logger LOG = Logger.getLogger(DetectionBatchHandler.class);

    private final Pool pool;
    private final ObjectMapper mapper;
    private final MqttSession lane;
    private final RuleCatalog rules;
    private final ThreatIntelligence threatIntel;
    private final BruteForceDetector bruteForce;
    private final HardwareSnapshots hardware;
    private final DeviceLifecycle devices;
    private final AlertStore alerts;
    private final RecommendationStore recommendations;
    private final FindingPublisher publisher;
    private final CustomAlertRules customAlerts;

    DetectionBatchHandler(Pool pool, ObjectMapper mapper, MqttSession lane, RuleCatalog rules, ThreatIntelligence threatIntel,
                          BruteForceDetector bruteForce, HardwareSnapshots hardware,
                          DeviceLifecycle devices, AlertStore alerts, RecommendationStore recommendations,
                          FindingPublisher publisher, CustomAlertRules customAlerts) {
        this.pool = pool;
        this.mapper = mapper;
        this.lane = lane;
        this.rules = rules;
        this.threatIntel = threatIntel;
        this.bruteForce = bruteForce;
        this.hardware = hardware;
        this.devices = devices;
        this.alerts = alerts;
        this.recommendations = recommendations;
        this.publisher = publisher;
        this.customAlerts = customAlerts;
    }

    @Override
    public Future<Void> handle(List<InboundMessage> batch) {
        List<FeedMessage> messages = decode(batch);
        if (messages.isEmpty()) {
            return Future.succeededFuture();
        }
        List<AlertNotice> alertNotices = new ArrayList<>();
        List<RecommendationNotice> recommendationNotices = new ArrayList<>();
        return pool.withTransaction(connection -> newEvents(connection, messages)
                        .compose(fresh -> detect(connection, messages, fresh, alertNotices, recommendationNotices)))
                .compose(v -> publisher.publish(lane::publish, alertNotices, recommendationNotices));
    }

    private Future<Void> detect(SqlConnection connection, List<FeedMessage> messages, List<List<FeedEvent>> fresh,
                                List<AlertNotice> alertNotices, List<RecommendationNotice> recommendationNotices) {
        List<AlertHit> hits = new ArrayList<>();
        List<Observation> observations = new ArrayList<>();
        List<Activity> messagesIn = new ArrayList<>();
        Map<String, SnapshotGroup> snapshots = new LinkedHashMap<>();
        List<DeviceLifecycle.Sighting> sightings = new ArrayList<>();
        for (int m = 0; m < messages.size(); m++) {
            FeedMessage message = messages.get(m);
            List<FeedEvent> events = fresh.get(m);
            if (events.isEmpty()) {
                continue;
            }
            var latest = events.stream().map(FeedEvent::timestampUtc).max(Comparator.naturalOrder()).orElseThrow();
            // Every feed message is one device-to-cloud MQTT message, counted when the hub took it (once: it has new events).
            messagesIn.add(new Activity(message.hub(), message.deviceId(), TimeWindowRuleType.MQTT_D2C_MESSAGES,
                    message.receivedAt() != null ? message.receivedAt() : latest, 1));
            sightings.add(new DeviceLifecycle.Sighting(message.hub(), message.deviceId(), latest));
            for (FeedEvent event : events) {
                List<Observation> items = new ArrayList<>();
                for (ObjectNode item : event.payload()) {
                    items.add(new Observation(message.hub(), message.deviceId(), event.id(), event.name(), event.timestampUtc(), item));
                }
                observations.addAll(items);
                if (SnapshotAssessor.isSnapshot(event.name())) {
                    // The latest snapshot of a type in the batch is the device's current truth for it.
                    snapshots.merge(message.hub() + "\n" + message.deviceId() + "\n" + event.name(),
                            new SnapshotGroup(message.hub(), message.deviceId(), event.name(), event.timestampUtc(), items),
                            (a, b) -> b.at().isAfter(a.at()) ? b : a);
                }
            }
        }
        // First: the device rows are the first locks a batch takes, in key order.
        Future<Void> chain = devices.seen(connection, sightings).map(onboarded -> {
            hits.addAll(onboarded);
            return null;
        });
        for (Observation observation : observations) {
            hits.addAll(rules.evaluate(observation));
            hits.addAll(threatIntel.evaluate(observation));
        }
        chain = chain.compose(v -> bruteForce.evaluate(connection, observations)).map(found -> {
            hits.addAll(found);
            return null;
        });
        // After the brute-force windows: both take per-device locks, always in this order, so batches cannot deadlock.
        chain = chain.compose(v -> hardware.evaluate(connection, observations)).map(found -> {
            hits.addAll(found);
            return null;
        });
        chain = chain.compose(v -> customAlerts.evaluate(connection, observations, messagesIn)).map(found -> {
            hits.addAll(found);
            return null;
        });
        for (SnapshotGroup snapshot : snapshots.values()) {
            List<Assessment> assessments = SnapshotAssessor.assess(snapshot.name(), snapshot.items());
            chain = chain.compose(v -> recommendations.apply(connection, snapshot.hub(), snapshot.deviceId(), snapshot.at(), assessments))
                    .map(notices -> {
                        recommendationNotices.addAll(notices);
                        return null;
                    });
        }
        return chain.compose(v -> alerts.record(connection, hits)).map(notices -> {
            alertNotices.addAll(notices);
            return null;
        });
    }

    /** Marks the batch's events handled; answers, per message in order, its events not handled before. */
    private Future<List<List<FeedEvent>>> newEvents(SqlConnection connection, List<FeedMessage> messages) {
        List<UUID> keys = new ArrayList<>();
        for (FeedMessage message : messages) {
            for (FeedEvent event : message.events()) {
                keys.add(ProcessedEvents.key(message.hub(), message.deviceId(), event.id()));
            }
        }
        return ProcessedEvents.markNew(connection, keys).map(fresh -> {
            List<List<FeedEvent>> perMessage = new ArrayList<>(messages.size());
            int k = 0;
            for (FeedMessage message : messages) {
                List<FeedEvent> events = new ArrayList<>();
                for (FeedEvent event : message.events()) {
                    // remove, not contains: an event that comes twice in one batch (a redelivery) is new only the first time.
                    if (fresh.remove(keys.get(k++))) {
                        events.add(event);
                    }
                }
                perMessage.add(events);
            }
            return perMessage;
        });
    }

    private List<FeedMessage> decode(List<InboundMessage> batch) {
        List<FeedMessage> messages = new ArrayList<>(batch.size());
        for (InboundMessage message : batch) {
            try {
                FeedBatch feed = mapper.readValue(message.payload(), FeedBatch.class);
                if (feed.version() != FeedBatch.CURRENT_VERSION || feed.messages() == null) {
                    LOG.warnf("Skipping a feed batch of version %d on %s", feed.version(), message.topic());
                    continue;
                }
                for (FeedMessage one : feed.messages()) {
                    if (one != null && one.events() != null) {
                        messages.add(one);
                    }
                }
            } catch (IOException e) {
                // Only ingest publishes here; a message it did not write is someone else's mistake, not a reason to stall.
                LOG.warnf("Skipping an unreadable feed batch on %s: %s", message.topic(), e.getMessage());
            }
        }
        return messages;
    }

    private record SnapshotGroup(String hub, String deviceId, String name, java.time.Instant at, List<Observation> items) {
    }
}
