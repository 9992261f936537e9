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
        Map<String, Sighting> sightings = new LinkedHashMap<>();
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
                        sighted(sightings, one.hub(), one.deviceId(), one.latest());
                    }
                } else if (message.topic().startsWith(FindingFeed.ALERTS_ROOT + "/")) {
                    AlertNotice alert = mapper.readValue(message.payload(), AlertNotice.class);
                    sighted(sightings, alert.hub(), alert.deviceId(), alert.lastDetection());
                    notices.add(alert);
                } else if (message.topic().startsWith(FindingFeed.RECOMMENDATIONS_ROOT + "/")) {
                    RecommendationNotice recommendation = mapper.readValue(message.payload(), RecommendationNotice.class);
                    sighted(sightings, recommendation.hub(), recommendation.deviceId(), recommendation.discoveredAt());
                    notices.add(recommendation);
                }
            } catch (IOException e) {
                LOG.warnf("Skipping an unreadable message on %s: %s", message.topic(), e.getMessage());
            }
        }
        if (sightings.isEmpty() && notices.isEmpty()) {
            return Future.succeededFuture();
        }
        List<TwinStore.Registration> registrations = new ArrayList<>(sightings.size());
        for (Sighting sighting : sightings.values()) {
            registrations.add(sighting.registration());
        }
        return pool.withTransaction(connection -> twins.register(connection, registrations, recent.granularity())
                        .compose(written -> applyNotices(connection, notices).map(written)))
                .map(written -> {
                    sightings.forEach((twin, sighting) ->
                            recent.stored(twin, written.getOrDefault(twin, sighting.at().minus(recent.granularity()))));
                    return null;
                });
    }

    /** Notes the device's two twins as seen at {@code at}, unless registration is off or this replica knows it changes nothing. */
    private void sighted(Map<String, Sighting> sightings, String hub, String deviceId, Instant at) {
        if (!config.autoRegister()) {
            return;
        }
        Instant when = at == null ? Instant.now() : at;
        for (String moduleId : new String[] {"", config.securityModuleId()}) {
            String twin = TwinStore.twinKey(hub, deviceId, moduleId);
            if (!recent.covers(twin, when)) {
                sightings.merge(twin, new Sighting(hub, deviceId, moduleId, when),
                        (a, b) -> b.at().isAfter(a.at()) ? b : a);
            }
        }
    }

    /** The newest time a batch saw one twin's device; its twin document is built once, for the statement. */
    private record Sighting(String hub, String deviceId, String moduleId, Instant at) {

        TwinStore.Registration registration() {
            return new TwinStore.Registration(hub, deviceId, moduleId, moduleId.isEmpty()
                    ? TwinDocuments.deviceTwin(deviceId, at) : TwinDocuments.moduleTwin(deviceId, moduleId, at));
        }
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
