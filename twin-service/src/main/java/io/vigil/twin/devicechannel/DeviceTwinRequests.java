package io.vigil.twin.devicechannel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vigil.platform.broker.BatchingConsumer;
import io.vigil.platform.broker.InboundMessage;
import io.vigil.platform.broker.MqttSession;
import io.vigil.platform.hubs.HubDirectory;
import io.vigil.twin.config.TwinConfig;
import io.vigil.twin.http.IfMatch;
import io.vigil.twin.hubevents.TwinUpdateReporter;
import io.vigil.twin.http.TwinApiException;
import io.vigil.twin.store.TwinStore;
import io.vigil.twin.update.TwinChange;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Answers devices' twin requests, one at a time in arrival order: a GET gets the twin's desired and reported
 * properties, a reported patch is stored like an operator's change (same limits, version and metadata) and answered
 * 204 with the new reported version. A refused request is answered with its status and reason and acknowledged; a
 * failure of the database fails the batch, which the consumer retries, so no request is lost.
 */
final class DeviceTwinRequests implements BatchingConsumer.BatchHandler {

    private static final Logger LOG = Logger.getLogger(DeviceTwinRequests.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final HubDirectory hubs;
    private final TwinStore twins;
    private final ObjectMapper mapper;
    private final TwinConfig.DeviceChannel limits;
    private final OperationLimiter limiter;
    private final TwinUpdateReporter updates;
    private MqttSession replies;

    DeviceTwinRequests(HubDirectory hubs, TwinStore twins, ObjectMapper mapper, TwinConfig.DeviceChannel limits, TwinUpdateReporter updates) {
        this.updates = updates;
        this.hubs = hubs;
        this.twins = twins;
        this.mapper = mapper;
        this.limits = limits;
        this.limiter = new OperationLimiter(limits.operationsPerSecond());
    }

    /** The session the answers go out on: the one the requests came in on. */
    void answerOn(MqttSession session) {
        this.replies = session;
    }

    @Override
    public Future<Void> handle(List<InboundMessage> batch) {
        Future<Void> chain = Future.succeededFuture();
        for (InboundMessage message : batch) {
            chain = chain.compose(v -> handle(message));
        }
        return chain;
    }

    private Future<Void> handle(InboundMessage message) {
        Optional<HubDirectory.Routed> routed = hubs.route(message.topic());
        Optional<TwinTopic> request = routed.flatMap(r -> TwinTopic.parse(r.topicBelowPrefix()));
        if (request.isEmpty()) {
            LOG.debugf("Ignoring %s: not a twin request with a usable $rid", message.topic());
            return Future.succeededFuture();
        }
        String prefix = routed.get().hub().topicPrefix();
        String hub = routed.get().hub().resourceId().toString();
        TwinTopic topic = request.get();
        if (!limiter.allow(hub + "\n" + topic.deviceId(), System.currentTimeMillis())) {
            return refuse(prefix, topic, new TwinApiException(429, "ThrottlingException",
                    "more than " + limits.operationsPerSecond() + " twin operations a second from this device"));
        }
        if (message.payload().length > limits.maxMessageBytes()) {
            return refuse(prefix, topic, new TwinApiException(413, "MessageTooLarge",
                    "twin requests are limited to " + limits.maxMessageBytes() + " bytes"));
        }
        Future<Void> answered;
        try {
            answered = switch (topic.operation()) {
                case GET -> twins.find(hub, topic.deviceId(), topic.moduleId()).compose(found -> found.isEmpty()
                        ? refuse(prefix, topic, TwinApiException.notFound(topic.deviceId(), topic.moduleId()))
                        : reply(prefix, topic, 200, null, properties(found.get())));
                case PATCH_REPORTED -> report(prefix, hub, topic, message.payload());
            };
        } catch (TwinApiException refused) {
            answered = Future.failedFuture(refused);
        }
        return answered.recover(failure -> failure instanceof TwinApiException refused
                ? refuse(prefix, topic, refused) : Future.failedFuture(failure));
    }

    private Future<Void> report(String prefix, String hub, TwinTopic topic, byte[] payload) {
        JsonNode patch;
        try {
            patch = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            return refuse(prefix, topic, TwinApiException.invalid("the reported patch is not JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return refuse(prefix, topic, TwinApiException.invalid("the reported patch is not JSON"));
        }
        TwinChange change = TwinChange.deviceReport(patch);
        Instant now = Instant.now();
        return twins.change(hub, topic.deviceId(), topic.moduleId(), IfMatch.NONE, twin -> change.applyTo(twin, now))
                .onSuccess(twin -> updates.updated(hub, topic.deviceId(), now))
                .compose(twin -> reply(prefix, topic, 204, twin.path("properties").path("reported").path("$version").asLong(), null));
    }

    private static JsonNode properties(JsonNode twin) {
        ObjectNode answer = JSON.objectNode();
        answer.set("desired", twin.path("properties").path("desired"));
        answer.set("reported", twin.path("properties").path("reported"));
        return answer;
    }

    private Future<Void> refuse(String prefix, TwinTopic topic, TwinApiException refused) {
        ObjectNode detail = JSON.objectNode().put("code", refused.code()).put("message", refused.getMessage());
        return reply(prefix, topic, refused.status(), null, JSON.objectNode().set("error", detail));
    }

    private Future<Void> reply(String prefix, TwinTopic topic, int status, Long version, JsonNode body) {
        byte[] payload = body == null ? new byte[0] : body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return replies.publish(prefix + topic.responseTopic(status, version), payload);
    }
}
