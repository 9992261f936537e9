package io.vigil.twin.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vigil.contracts.feed.EventFeed;
import io.vigil.contracts.feed.FeedBatch;
import io.vigil.contracts.findings.AlertNotice;
import io.vigil.contracts.findings.FindingFeed;
import io.vigil.contracts.findings.RecommendationNotice;
import io.vigil.platform.broker.BatchingConsumer;
import io.vigil.platform.broker.InboundMessage;
import io.vigil.twin.config.TwinConfig;
import io.vigil.twin.store.TwinDocuments;
import io.vigil.twin.store.TwinStore;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps twins in step with the other services, one batch per transaction: the event feed registers devices and
 * their security module twin (when auto-registration is on) and moves their last activity (when it fell behind by
 * {@code vigil.twin.activity-granularity}); alert and
 * recommendation notices set and clear the security module twin's {@code tags.alerts.<type>} and
 * {@code tags.recommendations.<name>}. Every write is idempotent, so redeliveries are harmless.
 */
final class TwinSyncHandler implements BatchingConsumer.BatchHandler {

    private static final Logger LOG = Logger.getLogger(TwinSyncHandler.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Pool pool;
    private final ObjectMapper mapper;
    private final TwinStore twins;
    private final TwinConfig config;
    private final RecentActivity recent;

    TwinSyncHandler(Pool pool, ObjectMapper mapper, TwinStore twins, TwinConfig config) {
        this.pool = pool;
        this.mapper = mapper;
        this.twins = twins;
        this.config = config;
        this.recent = new RecentActivity(config.activityGranularity(), config.activityCacheSize());
    }

    @Override
    public Future<Void> handle(List<InboundMessage> batch) {
        Map<String, TwinStore.Registration> registrations = new LinkedHashMap<>();
        List<Object> notices = new ArrayList<>();
        for (InboundMessage message : batch) {
            try {
                if (message.topic().startsWith(EventFeed.TOPIC_ROOT + "/")) {
                    FeedSightings feed = mapper.readValue(message.payload(), FeedSightings.class);
                    if (feed.version() != FeedBatch.CURRENT_VERSION || feed.messages() == null) {
                        LOG.warnf("Skipping a feed batch of version %d on %s", feed.version(), message.topic());
                        continue;
                    }
                    for (FeedSightings.Sighting one : feed.messages()) {
                        register(registrations, one.hub(), one.deviceId(), one.latest());
                    }
                } else if (message.topic().startsWith(FindingFeed.ALERTS_ROOT + "/")) {
                    AlertNotice alert = mapper.readValue(message.payload(), AlertNotice.class);
                    register(registrations, alert.hub(), alert.deviceId(), alert.lastDetection());
                    notices.add(alert);
                } else if (message.topic().startsWith(FindingFeed.RECOMMENDATIONS_ROOT + "/")) {
                    RecommendationNotice recommendation = mapper.readValue(message.payload(), RecommendationNotice.class);
                    register(registrations, recommendation.hub(), recommendation.deviceId(), recommendation.discoveredAt());
                    notices.add(recommendation);
                }
            } catch (IOException e) {
                LOG.warnf("Skipping an unreadable message on %s: %s", message.topic(), e.getMessage());
            }
        }
        if (!config.autoRegister()) {
            registrations.clear();
        }
        if (registrations.isEmpty() && notices.isEmpty()) {
            return Future.succeededFuture();
        }
        List<TwinStore.Registration> toRegister = new ArrayList<>(registrations.values());
        return pool.withTransaction(connection -> twins.register(connection, toRegister, recent.granularity())
                        .compose(written -> applyNotices(connection, notices).map(written)))
                .map(written -> {
                    for (TwinStore.Registration registration : toRegister) {
                        String twin = TwinStore.twinKey(registration.hub(), registration.deviceId(), registration.moduleId());
                        Instant asked = Instant.parse(registration.document().path("lastActivityTime").asText());
                        recent.stored(twin, written.getOrDefault(twin, asked.minus(recent.granularity())));
                    }
                    return null;
                });
    }

    private void register(Map<String, TwinStore.Registration> registrations, String hub, String deviceId, Instant at) {
        Instant when = at == null ? Instant.now() : at;
        String deviceTwin = TwinStore.twinKey(hub, deviceId, "");
        if (!recent.covers(deviceTwin, when)) {
            registrations.merge(deviceTwin,
                    new TwinStore.Registration(hub, deviceId, "", TwinDocuments.deviceTwin(deviceId, when)), TwinSyncHandler::later);
        }
        String moduleTwin = TwinStore.twinKey(hub, deviceId, config.securityModuleId());
        if (!recent.covers(moduleTwin, when)) {
            registrations.merge(moduleTwin, new TwinStore.Registration(hub, deviceId, config.securityModuleId(),
                    TwinDocuments.moduleTwin(deviceId, config.securityModuleId(), when)), TwinSyncHandler::later);
        }
    }

    private static TwinStore.Registration later(TwinStore.Registration a, TwinStore.Registration b) {
        // Parsed, not compared as text: Instant's text drops trailing zero fractions, so lengths differ.
        Instant first = Instant.parse(a.document().path("lastActivityTime").asText());
        Instant second = Instant.parse(b.document().path("lastActivityTime").asText());
        return first.compareTo(second) >= 0 ? a : b;
    }

    private Future<Void> applyNotices(SqlConnection connection, List<Object> notices) {
        Future<Void> chain = Future.succeededFuture();
        String module = config.securityModuleId();
        for (Object notice : notices) {
            if (notice instanceof AlertNotice alert) {
                ObjectNode tag = JSON.objectNode();
                tag.put("severity", alert.severity());
                tag.put("lastDetectionUtc", alert.lastDetection().toString());
                List<String> path = List.of("alerts", alert.alertType());
                chain = chain.compose(v -> "Active".equals(alert.status())
                        ? twins.setTag(connection, alert.hub(), alert.deviceId(), module, path, tag).mapEmpty()
                        : twins.removeTag(connection, alert.hub(), alert.deviceId(), module, path));
            } else if (notice instanceof RecommendationNotice recommendation) {
                List<String> path = List.of("recommendations", recommendation.name());
                if ("Active".equals(recommendation.state())) {
                    ObjectNode tag = JSON.objectNode();
                    tag.put("severity", recommendation.severity());
                    tag.put("discoveredAtUtc", recommendation.discoveredAt().toString());
                    tag.set("details", recommendation.details() == null ? JSON.objectNode() : recommendation.details());
                    chain = chain.compose(v -> twins.setTag(connection, recommendation.hub(), recommendation.deviceId(), module, path, tag)
                            .mapEmpty());
                } else {
                    chain = chain.compose(v -> twins.removeTag(connection, recommendation.hub(), recommendation.deviceId(), module, path));
                }
            }
        }
        return chain;
    }
}
