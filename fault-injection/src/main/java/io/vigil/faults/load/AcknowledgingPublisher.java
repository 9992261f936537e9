package io.vigil.faults.load;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One MQTT connection that publishes with QoS 1 and says, per message, when the broker acknowledged it. It
 * connects again on the next publish after the connection dropped (a broker restart). Every call to the client
 * happens on its own Vert.x context.
 */
public final class AcknowledgingPublisher implements AutoCloseable {

    private final Vertx vertx;
    private final Context context;
    private final int port;
    private final String clientId;
    private final int maxInFlight;
    private final Map<Integer, CompletableFuture<Void>> awaitingAck = new HashMap<>();
    private final Set<Integer> earlyAcks = new HashSet<>();
    private MqttClient client;
    private CompletableFuture<Void> connecting;

    public AcknowledgingPublisher(Vertx vertx, int port, String clientId, int maxInFlight) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.port = port;
        this.clientId = clientId;
        this.maxInFlight = maxInFlight;
    }

    /** Completes when the broker acknowledged the message; fails when the connection drops first. */
    public CompletableFuture<Void> publish(String topic, byte[] body) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        context.runOnContext(v -> connected().whenComplete((ok, error) -> context.runOnContext(w -> {
            if (error != null) {
                acknowledged.completeExceptionally(error);
                return;
            }
            client.publish(topic, Buffer.buffer(body), MqttQoS.AT_LEAST_ONCE, false, false).onComplete(sent -> {
                if (sent.failed()) {
                    acknowledged.completeExceptionally(sent.cause());
                } else if (!earlyAcks.remove(sent.result())) {
                    awaitingAck.put(sent.result(), acknowledged);
                } else {
                    acknowledged.complete(null);
                }
            });
        })));
        return acknowledged;
    }

    /**
     * Publishes the same bytes again until the broker acknowledges them, as an agent retries a message whose
     * PUBACK never came; the copies are the same message to ingest.
     */
    public void publishUntilAcknowledged(String topic, byte[] body, Duration giveUpAfter) throws InterruptedException {
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        while (true) {
            try {
                publish(topic, body).get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker did not acknowledge a message on " + topic
                            + " within " + giveUpAfter.toSeconds() + " s", e);
                }
                Thread.sleep(500);
            }
        }
    }

    /** On the context: the current connection, or a new one. */
    private CompletableFuture<Void> connected() {
        if (client != null && client.isConnected()) {
            return CompletableFuture.completedFuture(null);
        }
        if (connecting != null && !connecting.isDone()) {
            return connecting;
        }
        CompletableFuture<Void> attempt = new CompletableFuture<>();
        connecting = attempt;
        MqttClient fresh = MqttClient.create(vertx, new MqttClientOptions().setClientId(clientId).setCleanSession(true)
                .setMaxInflightQueue(maxInFlight).setAutoKeepAlive(true).setKeepAliveInterval(30)
                .setAckTimeout(30).setMaxMessageSize(1024 * 1024));
        fresh.publishCompletionHandler(packetId -> {
            CompletableFuture<Void> waiting = awaitingAck.remove(packetId);
            if (waiting != null) {
                waiting.complete(null);
            } else {
                earlyAcks.add(packetId);
            }
        });
        fresh.closeHandler(v -> {
            if (fresh == client) {
                failAwaiting(new IllegalStateException("connection to the broker closed"));
            }
        });
        fresh.exceptionHandler(error -> { });
        fresh.connect(port, "127.0.0.1").onComplete(result -> {
            if (result.succeeded()) {
                client = fresh;
                attempt.complete(null);
            } else {
                attempt.completeExceptionally(result.cause());
            }
        });
        return attempt;
    }

    private void failAwaiting(Throwable error) {
        awaitingAck.values().forEach(future -> future.completeExceptionally(error));
        awaitingAck.clear();
        earlyAcks.clear();
    }

    @Override
    public void close() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        context.runOnContext(v -> {
            if (client != null && client.isConnected()) {
                client.disconnect().onComplete(done -> closed.complete(null));
            } else {
                closed.complete(null);
            }
        });
        try {
            closed.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
    }
}
