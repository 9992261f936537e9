package io.vigil.platform.deadletter;

import java.time.OffsetDateTime;

/**
 * A parked message, without its bytes.
 *
 * @param consumer the consumer that gave up on it, e.g. {@code detection-feed}
 * @param attempts how often it was handled before it was parked
 */
public record DeadLetter(long id, String consumer, String topic, int size, String reason, int attempts, OffsetDateTime parkedAt) {
}
