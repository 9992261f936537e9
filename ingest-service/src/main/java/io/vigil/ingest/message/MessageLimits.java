package io.vigil.ingest.message;

/**
 * Upper bounds that protect the parser from oversized or hostile messages.
 *
 * @param maxBytes        largest accepted body, checked before any parsing
 * @param maxDepth        deepest accepted JSON nesting (the root object is level 1)
 * @param maxEvents       most entries in {@code Events}
 * @param maxPayloadItems most entries in one event's {@code Payload}
 * @param maxStringLength longest accepted JSON string (values and property names), in characters
 */
public record MessageLimits(int maxBytes, int maxDepth, int maxEvents, int maxPayloadItems, int maxStringLength) {

    /** The largest message an agent may be configured to send ({@code maxMessageSizeInBytes} maximum, 256 KiB). */
    public static final int AGENT_MAX_MESSAGE_BYTES = 262_144;

    public MessageLimits {
        requirePositive("maxBytes", maxBytes);
        requirePositive("maxDepth", maxDepth);
        requirePositive("maxEvents", maxEvents);
        requirePositive("maxPayloadItems", maxPayloadItems);
        requirePositive("maxStringLength", maxStringLength);
    }

    /** 256 KiB, depth 32, 1000 events, 10000 payload items per event, 65536 characters per string. */
    public static MessageLimits defaults() {
        return new MessageLimits(AGENT_MAX_MESSAGE_BYTES, 32, 1000, 10_000, 65_536);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
