package io.vigil.ingest.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds test messages and unwraps outcomes, so that each test shows only what it is about. */
final class TestMessages {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String AGENT_ID = "e89dc5f5-feac-4c3e-87e2-93c16f010c25";
    static final String EVENT_ID = "21a2db0b-44fe-42e9-9cff-bbb2d8fdf874";
    static final String UTC = "2019-01-27T13:48:52Z";
    static final String LOCAL = "2019-01-27T15:48:52+02:00";

    private TestMessages() {
    }

    static SecurityMessageParser parser() {
        return new SecurityMessageParser(MAPPER, MessageLimits.defaults());
    }

    static ObjectNode envelope(JsonNode... events) {
        ObjectNode envelope = MAPPER.createObjectNode()
                .put("AgentVersion", "0.0.5")
                .put("AgentId", AGENT_ID)
                .put("MessageSchemaVersion", "1.0");
        ArrayNode array = envelope.putArray("Events");
        for (JsonNode event : events) {
            array.add(event);
        }
        return envelope;
    }

    /** A generic event; {@code IsEmpty} is true exactly when there are no items. */
    static ObjectNode event(String name, String category, String eventType, ObjectNode... items) {
        ObjectNode event = MAPPER.createObjectNode()
                .put("Id", EVENT_ID)
                .put("TimestampLocal", LOCAL)
                .put("TimestampUTC", UTC)
                .put("Category", category)
                .put("Name", name)
                .put("EventType", eventType)
                .put("IsEmpty", items.length == 0)
                .put("PayloadSchemaVersion", "1.0");
        ArrayNode payload = event.putArray("Payload");
        for (ObjectNode item : items) {
            payload.add(item);
        }
        return event;
    }

    static ObjectNode processCreate(ObjectNode... items) {
        return event("ProcessCreate", "Triggered", "Security", items.length == 0 ? new ObjectNode[] {processItem()}
                : items);
    }

    static ObjectNode processItem() {
        return MAPPER.createObjectNode()
                .put("Executable", "/usr/bin/myApp")
                .put("ProcessId", 11750)
                .put("ParentProcessId", 1593)
                .put("UserId", "1000")
                .put("UserName", "aUser")
                .put("CommandLine", "myApp -a -b");
    }

    static ObjectNode connectionItem() {
        return MAPPER.createObjectNode()
                .put("RemoteAddress", "10.228.100.167")
                .put("RemotePort", "443")
                .put("LocalAddress", "192.168.1.7")
                .put("LocalPort", "53248")
                .put("Direction", "Out")
                .put("Protocol", "tcp")
                .put("ProcessId", 6052)
                .put("Executable", "/usr/bin/curl")
                .put("CommandLine", "curl https://example.org");
    }

    static ObjectNode connectionCreate(ObjectNode item) {
        return event("ConnectionCreate", "Triggered", "Security", item);
    }

    static ObjectNode object(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static ParseOutcome.Accepted accepted(ParseOutcome outcome) {
        assertThat(outcome).isInstanceOf(ParseOutcome.Accepted.class);
        return (ParseOutcome.Accepted) outcome;
    }

    /** Accepted, with every event accepted. */
    static SecurityMessage clean(ParseOutcome outcome) {
        ParseOutcome.Accepted accepted = accepted(outcome);
        assertThat(accepted.rejectedEvents()).isEmpty();
        return accepted.message();
    }

    static List<Rejection> rejected(ParseOutcome outcome) {
        assertThat(outcome).isInstanceOf(ParseOutcome.Rejected.class);
        return ((ParseOutcome.Rejected) outcome).reasons();
    }

    /** Accepted envelope with exactly one event, rejected: its reasons. */
    static List<Rejection> reasonsOfOnlyEvent(ParseOutcome outcome) {
        ParseOutcome.Accepted accepted = accepted(outcome);
        assertThat(accepted.message().events()).isEmpty();
        assertThat(accepted.rejectedEvents()).hasSize(1);
        return accepted.rejectedEvents().get(0).reasons();
    }
}
