package io.vigil.platform.broker;

import io.vertx.core.Future;

/**
 * Where a {@link BatchingConsumer} parks a message that its handler keeps failing on for a reason retrying cannot
 * mend (a bug, data the handler cannot take), so that the messages behind it move on instead of waiting forever.
 */
public interface DeadLetters {

    /**
     * False for failures that pass: the database or the network being away, a lock or a serialisation conflict.
     * A message is never parked for those; its consumer retries until they are over.
     */
    boolean isPermanent(Throwable failure);

    /** Keeps the message and why it failed, durably; the future fails when it could not be kept. */
    Future<Void> park(String consumer, InboundMessage message, Throwable failure, int attempts);
}
