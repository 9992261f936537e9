package io.vigil.ingest.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.contracts.hub.HubResourceId;
import io.vigil.ingest.RawEvent;
import io.vigil.ingest.message.SecurityEvent;
import io.vigil.ingest.message.SecurityMessage;
import io.vigil.ingest.topic.DeviceTopic;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an accepted message into {@code SecurityIoTRawEvent} rows. {@code EventDetails} holds the payload item's own
 * keys at the top level, where the reference queries read them ({@code extractjson("$.LocalPort", EventDetails)}),
 * plus the envelope fields they also read ({@code $.TimestampLocal}); a payload key wins over an envelope key.
 * It is compact JSON, so that text matches such as {@code EventDetails contains '"RemoteAddress":"127.0.0.1"'}
 * work as they do on the reference's data.
 */
@ApplicationScoped
public class RawEventMapper {

    private final ObjectMapper mapper;

    RawEventMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public List<RawEvent> rows(HubResourceId hub, DeviceTopic topic, SecurityMessage message) {
        List<RawEvent> rows = new ArrayList<>();
        String moduleId = topic.moduleId().orElse(null);
        for (SecurityEvent event : message.events()) {
            if (event.payload().isEmpty()) {
                rows.add(row(hub, topic, moduleId, message, event, 0, mapper.createObjectNode()));
            } else {
                for (int i = 0; i < event.payload().size(); i++) {
                    rows.add(row(hub, topic, moduleId, message, event, i, event.payload().get(i)));
                }
            }
        }
        return rows;
    }

    private RawEvent row(HubResourceId hub, DeviceTopic topic, String moduleId, SecurityMessage message,
                         SecurityEvent event, int index, ObjectNode item) {
        ObjectNode details = item.deepCopy();
        putIfAbsent(details, "Id", event.id());
        putIfAbsent(details, "EventId", event.id());
        putIfAbsent(details, "Name", event.name());
        putIfAbsent(details, "Category", event.category().wireName());
        putIfAbsent(details, "EventType", event.eventType());
        if (!details.has("IsEmpty")) {
            details.put("IsEmpty", event.empty());
        }
        putIfAbsent(details, "PayloadSchemaVersion", event.payloadSchemaVersion());
        putIfAbsent(details, "TimestampLocal", event.timestampLocal());
        putIfAbsent(details, "TimestampUTC", event.timestampUtc().toString());
        putIfAbsent(details, "AgentId", message.agentId());
        putIfAbsent(details, "AgentVersion", message.agentVersion());
        putIfAbsent(details, "MessageSchemaVersion", message.messageSchemaVersion());
        putIfAbsent(details, "DeviceId", topic.deviceId());
        if (moduleId != null) {
            putIfAbsent(details, "ModuleId", moduleId);
        }
        return new RawEvent(event.timestampUtc(), hub.toString(), topic.deviceId(), event.id(), index, event.name(),
                event.category().wireName(), event.eventType(), event.empty(), message.agentVersion(),
                message.agentId(), moduleId, hub.subscriptionId(), compact(details));
    }

    private static void putIfAbsent(ObjectNode node, String key, String value) {
        if (value != null && !node.has(key)) {
            node.put(key, value);
        }
    }

    private String compact(ObjectNode details) {
        try {
            return mapper.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written back", e);
        }
    }
}
