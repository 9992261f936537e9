package io.vigil.platform.broker;

import io.vertx.mqtt.messages.MqttPublishMessage;

/**
 * A message received from the broker. With QoS 1 the broker redelivers it until {@link #ack()} is called,
 * so a consumer calls it only once the message's effects are committed.
 * <p>
 * A message can also be a {@linkplain #partOf part} of a received one (one agent message out of a feed batch):
 * a part has its own body but no acknowledgement of its own, the received message is acknowledged for all of
 * its parts.
 */
public final class InboundMessage {

    private final MqttPublishMessage delegate;
    private final MqttSession connection;
    private final long generation;
    private final long receivedAtNanos;
    private final String topic;
    private final byte[] partPayload;

    InboundMessage(MqttPublishMessage delegate, MqttSession connection, long generation) {
        this.delegate = delegate;
        this.connection = connection;
        this.generation = generation;
        this.receivedAtNanos = System.nanoTime();
        this.topic = delegate.topicName();
        this.partPayload = null;
    }

    private InboundMessage(InboundMessage whole, byte[] payload) {
        this.delegate = null;
        this.connection = null;
        this.generation = 0;
        this.receivedAtNanos = whole.receivedAtNanos;
        this.topic = whole.topic;
        this.partPayload = payload;
    }

    /** A part of a received message, with the same topic and its own body. */
    public static InboundMessage partOf(InboundMessage whole, byte[] payload) {
        return new InboundMessage(whole, payload.clone());
    }

    public String topic() {
        return topic;
    }

    public byte[] payload() {
        return partPayload != null ? partPayload.clone() : delegate.payload().getBytes();
    }

    public long receivedAtNanos() {
        return receivedAtNanos;
    }

    /**
     * Sends the PUBACK: the broker forgets the message. Returns false, sending nothing, when the connection that
     * delivered the message is gone; the broker then delivers it again and the consumer's idempotent writes
     * absorb the repeat. A part sends nothing: the message it came from is acknowledged instead.
     */
    public boolean ack() {
        if (delegate == null) {
            return true;
        }
        if (!connection.canAcknowledge(generation)) {
            return false;
        }
        delegate.ack();
        return true;
    }
}
