package io.vigil.ingest.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validates one element of {@code Events[]} and turns it into a {@link SecurityEvent} or a {@link RejectedEvent}.
 *
 * <p>Four layers of rules, each reported in full (not just the first problem):
 * <ol>
 * <li>the generic event: nine required properties with their types and formats, nothing else;</li>
 * <li>the event type named by {@code Name}: allowed categories, EventType, PayloadSchemaVersion
 *     ({@link EventTypeCatalog});</li>
 * <li>the category rule: only periodic snapshots may be empty, a non-empty event has payload, a Heartbeat is always
 *     an empty periodic event;</li>
 * <li>each payload item against its type's {@link PayloadItemSpec}.</li>
 * </ol>
 * Stateless apart from the limits, so one instance serves all threads.
 */
final class EventValidator {

    private static final String SCHEMA_VERSION = "1.0";

    private final int maxPayloadItems;

    EventValidator(MessageLimits limits) {
        this.maxPayloadItems = limits.maxPayloadItems();
    }

    /** Validates {@code Events[index]} and adds the result to {@code accepted} or {@code rejected}. */
    void validate(JsonNode node, int index, List<SecurityEvent> accepted, List<RejectedEvent> rejected) {
        String eventPath = JsonPaths.event(index);
        if (!node.isObject()) {
            rejected.add(new RejectedEvent(index, node, List.of(new Rejection(eventPath, Rejection.TYPE,
                    "Each event must be an object, not " + JsonValues.describe(node) + "."))));
            return;
        }
        Problems problems = new Problems(eventPath);
        EventHeader header = EventHeader.read((ObjectNode) node, eventPath, problems);

        EventTypeSpec type = null;
        if (header.name != null) {
            type = EventTypeCatalog.find(header.name);
            if (type == null) {
                problems.add(JsonPaths.member(eventPath, EventHeader.NAME), Rejection.UNKNOWN_EVENT_TYPE,
                        "Unknown event type " + JsonValues.quote(header.name) + ".");
            } else {
                checkTypeRules(type, header, eventPath, problems);
            }
        }
        checkCategoryRule(type, header, eventPath, problems);
        if (type != null && type.payload() != null && header.payload != null) {
            checkPayloadItems(type.payload(), header.payload, eventPath, problems);
        }

        if (problems.isEmpty()) {
            accepted.add(new SecurityEvent(index, header.id, header.name, header.category, header.eventType,
                    header.isEmpty, header.payloadSchemaVersion, header.timestampUtc, header.timestampLocal,
                    payloadItems(header.payload)));
        } else {
            rejected.add(new RejectedEvent(index, node, problems.toList()));
        }
    }

    private static void checkTypeRules(EventTypeSpec type, EventHeader header, String eventPath, Problems problems) {
        if (header.category != null && !type.categories().contains(header.category)) {
            problems.add(JsonPaths.member(eventPath, EventHeader.CATEGORY), Rejection.ENUM, type.name()
                    + " events must have Category " + describeCategories(type) + ", not "
                    + header.category.wireName() + ".");
        }
        if (type.eventType() != null && header.eventType != null && !type.eventType().equals(header.eventType)) {
            problems.add(JsonPaths.member(eventPath, EventHeader.EVENT_TYPE), Rejection.CONST, type.name()
                    + " events must have EventType " + type.eventType() + ", not " + header.eventType + ".");
        }
        // Every schema-defined type pins its payload schema to 1.0; Heartbeat has no schema to pin it.
        if (type.payload() != null && header.payloadSchemaVersion != null
                && !SCHEMA_VERSION.equals(header.payloadSchemaVersion)) {
            problems.add(JsonPaths.member(eventPath, EventHeader.PAYLOAD_SCHEMA_VERSION), Rejection.CONST,
                    "PayloadSchemaVersion must be \"1.0\", not " + JsonValues.quote(header.payloadSchemaVersion) + ".");
        }
    }

    /** Category, IsEmpty and Payload must fit together; checked only when all three are valid. */
    private static void checkCategoryRule(EventTypeSpec type, EventHeader header, String eventPath,
            Problems problems) {
        if (header.category == null || header.isEmpty == null || header.payload == null) {
            return;
        }
        boolean empty = header.isEmpty;
        int payloadSize = header.payload.size();
        if (empty && !header.category.mayBeEmpty()) {
            problems.add(JsonPaths.member(eventPath, EventHeader.IS_EMPTY), Rejection.CATEGORY,
                    header.category.wireName() + " events are never empty: IsEmpty must be false.");
        }
        if (type != null && type.alwaysEmpty()) {
            if (!empty) {
                problems.add(JsonPaths.member(eventPath, EventHeader.IS_EMPTY), Rejection.CATEGORY,
                        type.name() + " events are always empty: IsEmpty must be true.");
            }
            if (payloadSize > 0) {
                problems.add(JsonPaths.member(eventPath, EventHeader.PAYLOAD), Rejection.CATEGORY,
                        type.name() + " events carry no payload, but Payload has " + payloadSize + " items.");
            }
        } else if (!empty && payloadSize == 0) {
            problems.add(JsonPaths.member(eventPath, EventHeader.PAYLOAD), Rejection.CATEGORY,
                    "IsEmpty is false, so Payload needs at least one item.");
        }
    }

    private void checkPayloadItems(PayloadItemSpec spec, ArrayNode payload, String eventPath, Problems problems) {
        String payloadPath = JsonPaths.member(eventPath, EventHeader.PAYLOAD);
        if (payload.size() > maxPayloadItems) {
            problems.add(payloadPath, Rejection.LIMIT, "Payload has " + payload.size() + " items; at most "
                    + maxPayloadItems + " are accepted.");
            return;
        }
        for (int i = 0; i < payload.size() && !problems.isFull(); i++) {
            JsonNode item = payload.get(i);
            String itemPath = JsonPaths.element(payloadPath, i);
            if (item.isObject()) {
                spec.validate((ObjectNode) item, itemPath, problems);
            } else {
                problems.add(itemPath, Rejection.TYPE,
                        "Each payload item must be an object, not " + JsonValues.describe(item) + ".");
            }
        }
    }

    /** The items of a payload that passed validation, so every item is an object. */
    private static List<ObjectNode> payloadItems(ArrayNode payload) {
        ObjectNode[] items = new ObjectNode[payload.size()];
        for (int i = 0; i < items.length; i++) {
            items[i] = (ObjectNode) payload.get(i);
        }
        return List.of(items);
    }

    private static String describeCategories(EventTypeSpec type) {
        StringBuilder names = new StringBuilder();
        for (EventCategory category : EventCategory.values()) {
            if (type.categories().contains(category)) {
                if (names.length() > 0) {
                    names.append(" or ");
                }
                names.append(category.wireName());
            }
        }
        return names.toString();
    }

    /**
     * The nine generic properties of an event, read and checked in one pass over the event's properties. A field is
     * null when it is missing or invalid (and then a problem has been reported).
     */
    static final class EventHeader {

        static final String ID = "Id";
        static final String TIMESTAMP_LOCAL = "TimestampLocal";
        static final String TIMESTAMP_UTC = "TimestampUTC";
        static final String CATEGORY = "Category";
        static final String NAME = "Name";
        static final String EVENT_TYPE = "EventType";
        static final String IS_EMPTY = "IsEmpty";
        static final String PAYLOAD_SCHEMA_VERSION = "PayloadSchemaVersion";
        static final String PAYLOAD = "Payload";

        /** In the schema's order, so that "missing" reports read like the schema. */
        private static final String[] REQUIRED = {ID, TIMESTAMP_LOCAL, TIMESTAMP_UTC, CATEGORY, NAME, EVENT_TYPE,
            IS_EMPTY, PAYLOAD_SCHEMA_VERSION, PAYLOAD};

        String id;
        String timestampLocal;
        Instant timestampUtc;
        EventCategory category;
        String name;
        String eventType;
        Boolean isEmpty;
        String payloadSchemaVersion;
        ArrayNode payload;

        private EventHeader() {
        }

        static EventHeader read(ObjectNode event, String eventPath, Problems problems) {
            EventHeader header = new EventHeader();
            for (Iterator<Map.Entry<String, JsonNode>> entries = event.properties().iterator(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = entries.next();
                header.readProperty(entry.getKey(), entry.getValue(), eventPath, problems);
            }
            for (String property : REQUIRED) {
                if (event.get(property) == null) {
                    problems.add(JsonPaths.member(eventPath, property), Rejection.REQUIRED,
                            "Missing required property " + property + ".");
                }
            }
            return header;
        }

        private void readProperty(String property, JsonNode value, String eventPath, Problems problems) {
            switch (property) {
                case ID -> {
                    String text = string(property, value, eventPath, problems);
                    if (text != null && !GuidFormat.isGuid(text)) {
                        problems.add(JsonPaths.member(eventPath, property), Rejection.FORMAT_GUID,
                                "Id must be a GUID like 9c647395-b913-4997-a732-a7fe7303b649, not "
                                        + JsonValues.quote(text) + ".");
                    } else {
                        id = text;
                    }
                }
                case TIMESTAMP_LOCAL -> {
                    String text = string(property, value, eventPath, problems);
                    if (text != null && !TimestampFormat.isValid(text)) {
                        badTimestamp(property, text, eventPath, problems);
                    } else {
                        timestampLocal = text;
                    }
                }
                case TIMESTAMP_UTC -> {
                    String text = string(property, value, eventPath, problems);
                    if (text != null) {
                        timestampUtc = TimestampFormat.parse(text);
                        if (timestampUtc == null) {
                            badTimestamp(property, text, eventPath, problems);
                        }
                    }
                }
                case CATEGORY -> {
                    String text = string(property, value, eventPath, problems);
                    if (text != null) {
                        category = EventCategory.fromWireName(text);
                        if (category == null) {
                            problems.add(JsonPaths.member(eventPath, property), Rejection.ENUM,
                                    "Category must be Periodic, Triggered or Aggregated, not " + JsonValues.quote(text)
                                            + ".");
                        }
                    }
                }
                case NAME -> name = string(property, value, eventPath, problems);
                case EVENT_TYPE -> {
                    String text = string(property, value, eventPath, problems);
                    if (text == null || isGenericEventType(text)) {
                        eventType = text;
                    } else {
                        problems.add(JsonPaths.member(eventPath, property), Rejection.ENUM,
                                "EventType must be Security, Operational or Diagnostic, not " + JsonValues.quote(text)
                                        + ".");
                    }
                }
                case IS_EMPTY -> {
                    if (value.isBoolean()) {
                        isEmpty = value.booleanValue();
                    } else {
                        wrongType(property, "true or false", value, eventPath, problems);
                    }
                }
                case PAYLOAD_SCHEMA_VERSION -> payloadSchemaVersion = string(property, value, eventPath, problems);
                case PAYLOAD -> {
                    if (value.isArray()) {
                        payload = (ArrayNode) value;
                    } else {
                        wrongType(property, "an array", value, eventPath, problems);
                    }
                }
                default -> problems.add(JsonPaths.member(eventPath, property), Rejection.ADDITIONAL_PROPERTY,
                        "Unknown event property " + JsonValues.quote(property) + ".");
            }
        }

        private static boolean isGenericEventType(String text) {
            return text.equals("Security") || text.equals("Operational") || text.equals("Diagnostic");
        }

        /** The value's text, or null (and a {@code type} problem) if it is not a string. */
        private static String string(String property, JsonNode value, String eventPath, Problems problems) {
            if (value.isTextual()) {
                return value.textValue();
            }
            wrongType(property, "a string", value, eventPath, problems);
            return null;
        }

        private static void wrongType(String property, String expected, JsonNode value, String eventPath,
                Problems problems) {
            problems.add(JsonPaths.member(eventPath, property), Rejection.TYPE,
                    property + " must be " + expected + ", not " + JsonValues.describe(value) + ".");
        }

        private static void badTimestamp(String property, String text, String eventPath, Problems problems) {
            problems.add(JsonPaths.member(eventPath, property), Rejection.FORMAT_DATE_TIME, property
                    + " must be a date-time like 2018-08-10T11:01:21.000+01:00 or 2019-01-27 13:48:52Z, not "
                    + JsonValues.quote(text) + ".");
        }
    }
}
