package io.vigil.detection.hubevents;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vigil.contracts.findings.AlertNotice;
import io.vigil.contracts.hubevents.HubEventFeed;
import io.vigil.contracts.hubevents.HubEventNotice;
import io.vigil.detection.AlertHit;
import io.vigil.detection.alerts.AlertStore;
import io.vigil.detection.config.DetectionConfig;
import io.vigil.detection.customalerts.Activity;
import io.vigil.detection.customalerts.CustomAlertRules;
import io.vigil.detection.customalerts.TimeWindowRuleType;
import io.vigil.detection.feed.ProcessedEvents;
import io.vigil.detection.findings.FindingPublisher;
import io.vigil.platform.broker.BatchingConsumer;
import io.vigil.platform.broker.DeadLetters;
import io.vigil.platform.broker.BrokerConnection;
import io.vigil.platform.broker.InboundMessage;
import io.vigil.platform.broker.MqttSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Takes the hub events twin-service reports (refused logins at the broker, certificate and diagnostic setting changes,
 * twin updates) and raises the hub's alerts from them, and counts refused logins and twin updates for the time-window
 * custom alert rules; one transaction per batch like the event feed: each notice is acted on once, redeliveries included.
 */
@ApplicationScoped
public class HubEventConsumer {

    private static final Logger LOG = Logger.getLogger(HubEventConsumer.class);

    private final Vertx vertx;
    private final BrokerConnection broker;
    private final Pool pool;
    private final ObjectMapper mapper;
    private final AlertStore alerts;
    private final FindingPublisher publisher;
    private final DetectionConfig config;
    private final Timer latency;
    private final DeadLetters deadLetters;
    private final CustomAlertRules customAlerts;
    private BatchingConsumer consumer;

    HubEventConsumer(Vertx vertx, BrokerConnection broker, Pool pool, ObjectMapper mapper, AlertStore alerts,
                     FindingPublisher publisher, DetectionConfig config, MeterRegistry registry, DeadLetters deadLetters,
                     CustomAlertRules customAlerts) {
        this.customAlerts = customAlerts;
        this.vertx = vertx;
        this.broker = broker;
        this.pool = pool;
        this.mapper = mapper;
        this.alerts = alerts;
        this.publisher = publisher;
        this.config = config;
        this.deadLetters = deadLetters;
        this.latency = Timer.builder("vigil.detection.hub-events.latency").description("from receipt to acknowledgement").register(registry);
    }

    void start(@Observes StartupEvent event) {
        MqttSession session = broker.openSession("detection-hub-events");
        consumer = new BatchingConsumer(vertx, session, new BatchingConsumer.Settings(100, Duration.ofMillis(5), Duration.ofMillis(200)),
                batch -> handle(session, batch), latency, "detection-hub-events", deadLetters);
        consumer.subscribe(List.of("$share/" + config.subscriptionGroup() + "/" + HubEventFeed.TOPIC_ROOT + "/#"));
    }

    void stop(@Observes ShutdownEvent event) {
        if (consumer != null) {
            consumer.stop();
        }
    }

    private Future<Void> handle(MqttSession session, List<InboundMessage> batch) {
        List<HubEventNotice> notices = decode(batch);
        if (notices.isEmpty()) {
            return Future.succeededFuture();
        }
        List<AlertNotice> raised = new ArrayList<>();
        List<UUID> keys = notices.stream().map(notice -> ProcessedEvents.key(notice.hub(), notice.deviceId(), notice.id())).toList();
        return pool.withTransaction(connection -> ProcessedEvents.markNew(connection, keys)
                        .compose(fresh -> {
                            List<HubEventNotice> novel = novel(notices, keys, fresh);
                            List<AlertHit> hits = hits(novel);
                            return customAlerts.count(connection, windowActivities(novel)).compose(windowHits -> {
                                hits.addAll(windowHits);
                                return alerts.record(connection, hits);
                            });
                        })
                        .map(recorded -> raised.addAll(recorded)))
                .compose(v -> publisher.publish(session::publish, raised, List.of()));
    }

    private static List<HubEventNotice> novel(List<HubEventNotice> notices, List<UUID> keys, Set<UUID> fresh) {
        List<HubEventNotice> novel = new ArrayList<>();
        for (int i = 0; i < notices.size(); i++) {
            // remove, not contains: the same notice twice in one batch is new only the first time.
            if (fresh.remove(keys.get(i))) {
                novel.add(notices.get(i));
            }
        }
        return novel;
    }

    private static List<AlertHit> hits(List<HubEventNotice> notices) {
        List<AlertHit> hits = new ArrayList<>();
        for (HubEventNotice notice : notices) {
            HubEventAlerts.of(notice).ifPresent(hits::add);
        }
        return hits;
    }

    /**
     * What the time-window rules count of the hub events: a device's refused logins are the unauthorized operations
     * Vigil sees (twin-service reports no refused publish or subscribe), and its twin updates are reported as such. A
     * notice folding several stands for its count, all placed at its last one.
     */
    static List<Activity> windowActivities(List<HubEventNotice> notices) {
        List<Activity> activities = new ArrayList<>();
        for (HubEventNotice notice : notices) {
            TimeWindowRuleType type = switch (notice.kind()) {
                case HubEventNotice.AUTHENTICATION_FAILED -> TimeWindowRuleType.UNAUTHORIZED_OPERATIONS;
                case HubEventNotice.TWIN_UPDATED -> TimeWindowRuleType.TWIN_UPDATES;
                default -> null;
            };
            if (type != null && !notice.deviceId().isEmpty()) {
                activities.add(new Activity(notice.hub(), notice.deviceId(), type, notice.lastAt(), Math.max(1, notice.count())));
            }
        }
        return activities;
    }

    private List<HubEventNotice> decode(List<InboundMessage> batch) {
        List<HubEventNotice> notices = new ArrayList<>(batch.size());
        for (InboundMessage message : batch) {
            try {
                HubEventNotice notice = mapper.readValue(message.payload(), HubEventNotice.class);
                if (notice.version() != HubEventNotice.CURRENT_VERSION || notice.id() == null || notice.hub() == null
                        || notice.deviceId() == null || notice.kind() == null || notice.firstAt() == null || notice.lastAt() == null) {
                    LOG.warnf("Skipping a hub event of version %d on %s", notice.version(), message.topic());
                    continue;
                }
                notices.add(notice);
            } catch (IOException e) {
                // Only twin-service publishes here; a message it did not write is someone else's mistake, not a reason to stall.
                LOG.warnf("Skipping an unreadable hub event on %s: %s", message.topic(), e.getMessage());
            }
        }
        return notices;
    }
}
