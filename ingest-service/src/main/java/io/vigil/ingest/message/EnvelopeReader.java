package io.vigil.ingest.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Checks the message envelope, {@code {AgentVersion, AgentId, MessageSchemaVersion, Events}} and nothing else, and
 * hands over the events array. A bad envelope makes the whole message unusable, so its problems end the parse.
 */
final class EnvelopeReader {

    static final String AGENT_VERSION = "AgentVersion";
    static final String AGENT_ID = "AgentId";
    static final String MESSAGE_SCHEMA_VERSION = "MessageSchemaVersion";
    static final String EVENTS = "Events";

    private static final String SCHEMA_VERSION = "1.0";
    private static final String[] REQUIRED = {AGENT_VERSION, AGENT_ID, MESSAGE_SCHEMA_VERSION, EVENTS};

    /** A valid envelope; {@code events} has between 1 and maxEvents elements, not yet validated. */
    record Envelope(String agentId, String agentVersion, String messageSchemaVersion, ArrayNode events) {
    }

    private final int maxEvents;

    EnvelopeReader(MessageLimits limits) {
        this.maxEvents = limits.maxEvents();
    }

    /** The envelope of {@code root}, or null if it has problems (then reported in {@code problems}). */
    Envelope read(JsonNode root, Problems problems) {
        if (!root.isObject()) {
            problems.add(JsonPaths.ROOT, Rejection.TYPE,
                    "A security message must be a JSON object, not " + JsonValues.describe(root) + ".");
            return null;
        }
        String agentVersion = null;
        String agentId = null;
        String schemaVersion = null;
        ArrayNode events = null;
        for (Iterator<Map.Entry<String, JsonNode>> entries = root.properties().iterator(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String property = entry.getKey();
            JsonNode value = entry.getValue();
            String path = JsonPaths.member(JsonPaths.ROOT, property);
            switch (property) {
                case AGENT_VERSION -> agentVersion = string(property, value, path, problems);
                case AGENT_ID -> {
                    agentId = string(property, value, path, problems);
                    if (agentId != null && !GuidFormat.isGuid(agentId)) {
                        problems.add(path, Rejection.FORMAT_GUID, "AgentId must be a GUID like"
                                + " 9c647395-b913-4997-a732-a7fe7303b649, not " + JsonValues.quote(agentId) + ".");
                    }
                }
                case MESSAGE_SCHEMA_VERSION -> {
                    schemaVersion = string(property, value, path, problems);
                    if (schemaVersion != null && !SCHEMA_VERSION.equals(schemaVersion)) {
                        problems.add(path, Rejection.CONST, "MessageSchemaVersion must be \"1.0\", not "
                                + JsonValues.quote(schemaVersion) + ".");
                    }
                }
                case EVENTS -> events = events(value, path, problems);
                default -> problems.add(path, Rejection.ADDITIONAL_PROPERTY,
                        "Unknown message property " + JsonValues.quote(property) + ".");
            }
        }
        for (String property : REQUIRED) {
            if (root.get(property) == null) {
                problems.add(JsonPaths.member(JsonPaths.ROOT, property), Rejection.REQUIRED,
                        "Missing required property " + property + ".");
            }
        }
        return problems.isEmpty() ? new Envelope(agentId, agentVersion, schemaVersion, events) : null;
    }

    private ArrayNode events(JsonNode value, String path, Problems problems) {
        if (!value.isArray()) {
            problems.add(path, Rejection.TYPE, "Events must be an array, not " + JsonValues.describe(value) + ".");
            return null;
        }
        if (value.isEmpty()) {
            problems.add(path, Rejection.MIN_ITEMS, "Events must hold at least one event.");
        } else if (value.size() > maxEvents) {
            problems.add(path, Rejection.LIMIT,
                    "Events holds " + value.size() + " events; at most " + maxEvents + " are accepted.");
        }
        return (ArrayNode) value;
    }

    private static String string(String property, JsonNode value, String path, Problems problems) {
        if (value.isTextual()) {
            return value.textValue();
        }
        problems.add(path, Rejection.TYPE, property + " must be a string, not " + JsonValues.describe(value) + ".");
        return null;
    }
}
