package io.vigil.platform.broker;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * One connection to the MQTT broker.
 * <p>
 * Inbound QoS 1 messages are not acknowledged automatically: the consumer acknowledges each one after its effects
 * are committed, so a crash before that makes the broker redeliver it. Outbound publishes complete when the
 * broker's PUBACK arrives, which lets a consumer acknowledge its input only after its output is safe too.
 * The connection comes back by itself after a broker restart, with the same subscriptions.
 * <p>
 * All client state is touched on one Vert.x context, so no locking is needed.
 */
public final class MqttSession {

    private static final Logger LOG = Logger.getLogger(MqttSession.class);

    private final Vertx vertx;
    private final BrokerConfig config;
    private final String clientId;
    private final Map<String, Consumer<InboundMessage>> subscriptions = new LinkedHashMap<>();
    private final Map<Integer, Promise<Void>> awaitingPuback = new HashMap<>();
    private final Queue<PendingPublish> waitingForWindow = new ArrayDeque<>();
    private final List<InboundMessage> parked = new ArrayList<>();

    private Context context;
    private MqttClient client;
    private volatile boolean connected;
    /** A consumer session is ready only once the broker acknowledged its subscriptions on this connection. */
    private final boolean consumer;
    private volatile boolean subscribed;
    private volatile boolean stopping;
    /** Counts connections; a message may only be acknowledged on the connection that delivered it. */
    private volatile long generation;
    private long nextReconnectDelayMs;

    MqttSession(Vertx vertx, BrokerConfig config, String clientId, boolean consumer) {
        this.vertx = vertx;
        this.config = config;
        this.clientId = clientId;
        this.consumer = consumer;
    }

    /**
     * Connected, and for a consumer subscribed: until the first SUBACK a broker routes nothing to a new session,
     * so a service that said it was ready before then would let devices publish into the void.
     */
    public boolean isReady() {
        return connected && (!consumer || subscribed);
    }

    /** Connects in the background and keeps reconnecting until {@link #stop()}; each session gets its own event loop. */
    void start() {
        context = vertx.getOrCreateContext();
        nextReconnectDelayMs = config.reconnectDelay().toMillis();
        context.runOnContext(v -> connect());
    }

    void stop() {
        stopping = true;
        if (client != null && client.isConnected()) {
            client.disconnect();
        }
    }

    /**
     * Whether a PUBACK for a message delivered on the given connection may still be sent. After a reconnect the
     * broker redelivers unacknowledged messages under new packet ids, so an old id must never be acknowledged.
     */
    boolean canAcknowledge(long deliveryGeneration) {
        MqttClient current = client;
        return deliveryGeneration == generation && current != null && current.isConnected();
    }

    /** Whether the broker connection is up; readiness reports this. */
    public boolean isConnected() {
        return connected;
    }

    public String clientId() {
        return clientId;
    }

    public String describe() {
        return config.host() + ":" + config.port();
    }

    /**
     * Subscribes with QoS 1 to a topic filter (shared subscriptions such as {@code $share/group/topic/#} included).
     * The handler runs on the connection's event loop and must not block.
     */
    public void subscribe(String topicFilter, Consumer<InboundMessage> handler) {
        runOnContext(() -> {
            subscriptions.put(topicFilter, handler);
            List<InboundMessage> waiting = parked.stream().filter(m -> TopicFilter.matches(topicFilter, m.topic())).toList();
            parked.removeAll(waiting);
            waiting.forEach(handler);
            if (connected) {
                client.subscribe(topicFilter, MqttQoS.AT_LEAST_ONCE.value());
            }
        });
    }

    /** Publishes with QoS 1; the future completes when the broker has acknowledged the message. */
    public Future<Void> publish(String topic, byte[] payload) {
        return publish(topic, payload, false);
    }

    /**
     * Like {@link #publish(String, byte[])}, and the broker keeps the message as the topic's retained one: a
     * subscriber that comes later gets the latest state of each topic first.
     */
    public Future<Void> publishRetained(String topic, byte[] payload) {
        return publish(topic, payload, true);
    }

    private Future<Void> publish(String topic, byte[] payload, boolean retain) {
        Promise<Void> acknowledged = Promise.promise();
        runOnContext(() -> {
            waitingForWindow.add(new PendingPublish(topic, Buffer.buffer(payload), retain, acknowledged));
            drainPublishWindow();
        });
        return acknowledged.future();
    }

    private void drainPublishWindow() {
        while (connected && awaitingPuback.size() < config.maxInflight() && !waitingForWindow.isEmpty()) {
            PendingPublish next = waitingForWindow.poll();
            client.publish(next.topic(), next.payload(), MqttQoS.AT_LEAST_ONCE, false, next.retain())
                    .onSuccess(packetId -> awaitingPuback.put(packetId, next.acknowledged()))
                    .onFailure(next.acknowledged()::tryFail);
        }
    }

    private void connect() {
        if (stopping) {
            return;
        }
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(clientId)
                .setCleanSession(!config.persistentSession())
                .setKeepAliveInterval((int) config.keepAlive().toSeconds())
                .setMaxMessageSize(config.maxMessageSize())
                .setMaxInflightQueue(config.maxInflight())
                .setAutoKeepAlive(true);
        options.setAutoAck(false);
        config.username().ifPresent(options::setUsername);
        config.password().ifPresent(options::setPassword);

        client = MqttClient.create(vertx, options);
        // A new connection begins here, not at CONNACK: a resumed session may deliver before the connect callback runs.
        generation++;
        client.publishHandler(message -> {
            InboundMessage inbound = new InboundMessage(message, this, generation);
            Consumer<InboundMessage> handler = handlerFor(message.topicName());
            if (handler == null) {
                // A persistent session delivers as soon as it is back, possibly before this service has registered
                // its handler: hold the message for it. The broker's in-flight window bounds how many wait here.
                parked.add(inbound);
                return;
            }
            handler.accept(inbound);
        });
        client.publishCompletionHandler(packetId -> {
            Promise<Void> promise = awaitingPuback.remove(packetId);
            if (promise != null) {
                promise.tryComplete();
            }
            drainPublishWindow();
        });
        client.subscribeCompletionHandler(ack -> subscribed = true);
        client.closeHandler(v -> onConnectionLost());
        client.exceptionHandler(error -> LOG.debugf(error, "Broker connection error"));

        client.connect(config.port(), config.host()).onComplete(result -> {
            if (result.failed()) {
                LOG.warnf("Cannot connect to the broker at %s: %s; retrying in %d ms",
                        describe(), result.cause().getMessage(), nextReconnectDelayMs);
                scheduleReconnect();
                return;
            }
            connected = true;
            nextReconnectDelayMs = config.reconnectDelay().toMillis();
            LOG.infof("Connected to the broker at %s as %s", describe(), clientId);
            if (!subscriptions.isEmpty()) {
                Map<String, Integer> topics = new LinkedHashMap<>();
                subscriptions.keySet().forEach(filter -> topics.put(filter, MqttQoS.AT_LEAST_ONCE.value()));
                client.subscribe(topics);
            }
            drainPublishWindow();
        });
    }

    private void onConnectionLost() {
        boolean wasConnected = connected;
        connected = false;
        subscribed = false;
        // The broker delivers these again on the next connection.
        parked.clear();
        // The broker did not confirm these; their senders must not treat them as delivered.
        awaitingPuback.values().forEach(p -> p.tryFail("broker connection lost before PUBACK"));
        awaitingPuback.clear();
        if (stopping) {
            return;
        }
        if (wasConnected) {
            LOG.warnf("Lost the broker connection to %s; reconnecting", describe());
        }
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        long delay = nextReconnectDelayMs;
        nextReconnectDelayMs = Math.min(delay * 2, config.maxReconnectDelay().toMillis());
        vertx.setTimer(delay, id -> context.runOnContext(v -> connect()));
    }

    private Consumer<InboundMessage> handlerFor(String topic) {
        for (Map.Entry<String, Consumer<InboundMessage>> entry : subscriptions.entrySet()) {
            if (TopicFilter.matches(entry.getKey(), topic)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private void runOnContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    private record PendingPublish(String topic, Buffer payload, boolean retain, Promise<Void> acknowledged) {
    }
}
