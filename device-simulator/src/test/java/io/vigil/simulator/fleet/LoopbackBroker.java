package io.vigil.simulator.fleet;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal in-process MQTT broker on 127.0.0.1 for the fleet tests: records who connected with which
 * credentials and what they published, and acknowledges QoS 1 publishes unless told not to, or drops each
 * connection after a number of messages.
 */
final class LoopbackBroker implements AutoCloseable {

    record Received(String clientId, String topic, MqttQoS qos, byte[] body) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final Map<String, String> usernames = new ConcurrentHashMap<>();
    final Map<String, String> passwords = new ConcurrentHashMap<>();
    final AtomicInteger connections = new AtomicInteger();

    private final Vertx vertx = Vertx.vertx();
    private final MqttServer server;
    private final boolean acknowledge;
    private final int dropConnectionEvery;

    private LoopbackBroker(boolean acknowledge, int dropConnectionEvery) throws Exception {
        this.acknowledge = acknowledge;
        this.dropConnectionEvery = dropConnectionEvery;
        this.server = MqttServer.create(vertx, new MqttServerOptions().setHost("127.0.0.1").setPort(0)
                        // The agent allows messages up to 256 KiB; the server default (8 KiB) is below a snapshot.
                        .setMaxMessageSize(256 * 1024))
                .endpointHandler(this::onConnect);
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static LoopbackBroker acknowledging() throws Exception {
        return new LoopbackBroker(true, 0);
    }

    static LoopbackBroker silent() throws Exception {
        return new LoopbackBroker(false, 0);
    }

    /** Closes each connection after it has published {@code messages} messages (all acknowledged). */
    static LoopbackBroker droppingEvery(int messages) throws Exception {
        return new LoopbackBroker(true, messages);
    }

    int port() {
        return server.actualPort();
    }

    private void onConnect(MqttEndpoint endpoint) {
        connections.incrementAndGet();
        String clientId = endpoint.clientIdentifier();
        if (endpoint.auth() != null) {
            usernames.put(clientId, endpoint.auth().getUsername());
            passwords.put(clientId, endpoint.auth().getPassword());
        }
        AtomicInteger published = new AtomicInteger();
        endpoint.publishAutoAck(false);
        endpoint.publishHandler(message -> {
            received.add(new Received(clientId, message.topicName(), message.qosLevel(), message.payload().getBytes()));
            if (acknowledge && message.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                endpoint.publishAcknowledge(message.messageId());
            }
            if (dropConnectionEvery > 0 && published.incrementAndGet() % dropConnectionEvery == 0) {
                endpoint.close();
            }
        });
        endpoint.accept(false);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
