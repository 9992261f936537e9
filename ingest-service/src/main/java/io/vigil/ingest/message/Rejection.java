package io.vigil.ingest.message;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One reason why a message or an event was refused.
 *
 * <p>{@code path} says where, as a JSONPath such as {@code $.Events[2].Payload[0].RemotePort} ({@code $} is the whole
 * message; property names that are not plain identifiers are written {@code ['like this']}). {@code rule} is a stable
 * machine code from the table below, safe to count and alert on. {@code message} is one human sentence; its wording may
 * change.
 *
 * <table>
 * <caption>Rule codes</caption>
 * <tr><th>rule</th><th>meaning</th></tr>
 * <tr><td>{@code size}</td><td>the body is larger than {@link MessageLimits#maxBytes()}</td></tr>
 * <tr><td>{@code json.syntax}</td><td>the body is not one well-formed JSON value (empty, truncated, trailing content,
 *     bad UTF-8, a property name repeated in one object); the message gives line and column</td></tr>
 * <tr><td>{@code json.depth}</td><td>nesting deeper than {@link MessageLimits#maxDepth()}</td></tr>
 * <tr><td>{@code limit}</td><td>too many events or payload items, a string or number too long, or too many problems
 *     in one event to list them all</td></tr>
 * <tr><td>{@code required}</td><td>a required property is missing (for Login: neither UserId nor UserName)</td></tr>
 * <tr><td>{@code type}</td><td>a value has the wrong JSON type, e.g. a number where a port string is expected</td></tr>
 * <tr><td>{@code enum}</td><td>a string outside its allowed values (also: a Category or EventType that the event
 *     type does not allow)</td></tr>
 * <tr><td>{@code const}</td><td>a value that must be exactly one string ({@code MessageSchemaVersion} and
 *     {@code PayloadSchemaVersion} "1.0", the EventType of a known event type)</td></tr>
 * <tr><td>{@code format.guid}</td><td>not a GUID of the form 8-4-4-4-12 hexadecimal digits</td></tr>
 * <tr><td>{@code format.date-time}</td><td>not a date-time like {@code 2018-08-10T11:01:21.000+01:00} or
 *     {@code 2019-01-27 13:48:52Z}</td></tr>
 * <tr><td>{@code format.ip}</td><td>not an IPv4 or IPv6 address</td></tr>
 * <tr><td>{@code format.port}</td><td>not a port list such as {@code "443"}, {@code "1000-2000"}, {@code "22,53"}
 *     or {@code "*"}</td></tr>
 * <tr><td>{@code additional-property}</td><td>a property that the schema does not define</td></tr>
 * <tr><td>{@code min-items}</td><td>{@code Events} is empty</td></tr>
 * <tr><td>{@code unknown-event-type}</td><td>a {@code Name} that is not a known event type</td></tr>
 * <tr><td>{@code category}</td><td>Category, IsEmpty and Payload do not fit together (a triggered or aggregated event
 *     marked empty, a non-empty event without payload, a Heartbeat that is not an empty periodic event)</td></tr>
 * <tr><td>{@code internal}</td><td>the validator itself failed; a bug, never the sender's fault</td></tr>
 * </table>
 *
 * @param path    where the problem is
 * @param rule    stable machine code, see the table
 * @param message one human sentence
 */
@RegisterForReflection
public record Rejection(String path, String rule, String message) {

    public static final String SIZE = "size";
    public static final String JSON_SYNTAX = "json.syntax";
    public static final String JSON_DEPTH = "json.depth";
    public static final String LIMIT = "limit";
    public static final String REQUIRED = "required";
    public static final String TYPE = "type";
    public static final String ENUM = "enum";
    public static final String CONST = "const";
    public static final String FORMAT_GUID = "format.guid";
    public static final String FORMAT_DATE_TIME = "format.date-time";
    public static final String FORMAT_IP = "format.ip";
    public static final String FORMAT_PORT = "format.port";
    public static final String ADDITIONAL_PROPERTY = "additional-property";
    public static final String MIN_ITEMS = "min-items";
    public static final String UNKNOWN_EVENT_TYPE = "unknown-event-type";
    public static final String CATEGORY = "category";
    public static final String INTERNAL = "internal";
    /** Set by the pipeline, not the parser: the topic's device or module id uses characters IoT Hub does not allow. */
    public static final String TOPIC_DEVICE_ID = "topic.device-id";
    /** Set by the pipeline, not the parser: PostgreSQL refused the message's data (e.g. a NUL character). */
    public static final String STORAGE = "storage";
}
