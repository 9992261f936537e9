package io.vigil.ingest.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.contracts.hub.IdentityIds;
import io.vigil.ingest.config.IngestConfig;
import io.vigil.ingest.message.MessageLimits;
import io.vigil.ingest.message.ParseOutcome;
import io.vigil.ingest.message.Rejection;
import io.vigil.ingest.message.SecurityMessageParser;
import io.vigil.ingest.topic.DeviceTopic;
import io.vigil.platform.hubs.HubDirectory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Decides what a message from the broker is: security message or other telemetry, which hub and device, valid or
 * not. Pure and thread-safe: the live pipeline and the replay of rejected messages both call it.
 */
@ApplicationScoped
public class MessageClassifier {

    private final HubDirectory hubs;
    private final SecurityMessageParser parser;
    private final RawEventMapper rows;
    private final boolean acceptUnmarked;

    MessageClassifier(HubDirectory hubs, ObjectMapper mapper, RawEventMapper rows, IngestConfig config) {
        this.hubs = hubs;
        this.rows = rows;
        this.acceptUnmarked = config.acceptUnmarked();
        IngestConfig.Limits limits = config.limits();
        this.parser = new SecurityMessageParser(mapper, new MessageLimits(limits.maxMessageBytes(), limits.maxJsonDepth(),
                limits.maxEvents(), limits.maxPayloadItems(), limits.maxStringLength()));
    }

    public Classification classify(String topic, byte[] body) {
        Optional<HubDirectory.Routed> routed = hubs.route(topic);
        if (routed.isEmpty()) {
            return new Classification.Skipped(topic, body, "topic outside every configured hub");
        }
        HubDirectory.Hub hub = routed.get().hub();
        Optional<DeviceTopic> device = DeviceTopic.parse(routed.get().topicBelowPrefix());
        if (device.isEmpty()) {
            return new Classification.Skipped(topic, body, "not a device-to-cloud topic");
        }
        boolean marked = device.get().isSecurityMessage();
        if (!marked && !acceptUnmarked) {
            return new Classification.Skipped(topic, body, "not a security message");
        }
        if (!device.get().hasValidIds()) {
            return new Classification.Refused(topic, body, hub, device.get(), List.of(new Rejection("topic", Rejection.TOPIC_DEVICE_ID,
                    IdentityIds.RULE)));
        }
        ParseOutcome outcome = parser.parse(body);
        if (outcome instanceof ParseOutcome.Accepted accepted) {
            return new Classification.Accepted(topic, body, hub, device.get(), accepted.message(),
                    rows.rows(hub.resourceId(), device.get(), accepted.message()), accepted.rejectedEvents());
        }
        ParseOutcome.Rejected rejected = (ParseOutcome.Rejected) outcome;
        if (!marked) {
            // Unmarked telemetry that is not a security envelope is ordinary telemetry, not a bad security message.
            return new Classification.Skipped(topic, body, "not a security message");
        }
        return new Classification.Refused(topic, body, hub, device.get(), rejected.reasons());
    }
}
