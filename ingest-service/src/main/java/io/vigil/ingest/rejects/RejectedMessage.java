package io.vigil.ingest.rejects;

import io.vigil.ingest.message.Rejection;

import java.time.Instant;
import java.util.List;

/**
 * A stored reject, as operators list it. {@code eventIndex} is null when the whole message was refused, otherwise
 * the position of the refused event in the message's {@code Events}.
 */
public record RejectedMessage(long id, Instant receivedAt, Instant lastReceivedAt, int occurrences, String hub,
                              String deviceId, String moduleId, String topic, Integer eventIndex, String rule,
                              String path, String reason, List<Rejection> reasons, int size, String status,
                              int replayCount, Instant replayedAt) {
}
