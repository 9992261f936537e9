package io.vigil.platform.broker;

import io.vertx.mqtt.messages.MqttPublishMessage;

/**
 * A message received from the broker. With QoS 1 the broker redelivers it until {@link #ack()} is called,
 * so a consumer calls it only once the message's effects are committed.
 */
public final class InboundMessage {

    private final MqttPublishMessage delegate;
    private final MqttSession connection;
    private final long generation;
    private final long receivedAtNanos = System.nanoTime();

    InboundMessage(MqttPublishMessage delegate, MqttSession connection, long generation) {
        this.delegate = delegate;
        this.connection = connection;
        this.generation = generation;
    }

    public String topic() {
        return delegate.topicName();
    }

    public byte[] payload() {
        return delegate.payload().getBytes();
    }



    public long receivedAtNanos() {
        return receivedAtNanos;
    }

    /**
     * Sends the PUBACK: the broker forgets the message. Returns false, sending nothing, when the connection that
     * delivered the message is gone; the broker then delivers it again and the consumer's idempotent writes
     * absorb the repeat.
     */
    public boolean ack() {
        if (!connection.canAcknowledge(generation)) {
            return false;
        }
        delegate.ack();
        return true;
    }
}
