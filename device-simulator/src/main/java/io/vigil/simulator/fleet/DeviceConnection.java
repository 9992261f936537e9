package io.vigil.simulator.fleet;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vigil.simulator.scenario.OutgoingMessage;
import io.vigil.simulator.scenario.SimulatedDevice;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One device's own MQTT connection (client id = device id): connects, publishes the device's messages with QoS 1
 * while its in-flight window has room and the {@link SendGate} allows, and reconnects with backoff when the
 * connection drops or cannot be made.
 * <p>
 * Everything runs on the connection's Vert.x context, so no field needs locking. Each connection attempt gets its
 * own client object and callbacks from an older attempt are ignored, so a late close or CONNACK cannot confuse
 * the current one.
 * <p>
 * PUBACKs are matched to publishes in order: a broker must acknowledge QoS 1 messages in the order it received
 * them, which spares us tracking packet ids.
 */
final class DeviceConnection {

    private static final long FIRST_RECONNECT_DELAY_MS = 500;
    private static final long MAX_RECONNECT_DELAY_MS = 10_000;
    private static final int KEEP_ALIVE_SECONDS = 30;

    private enum State { IDLE, CONNECTING, CONNECTED, WAITING_TO_RECONNECT, STOPPED }

    private final SimulatedDevice device;
    private final FleetConfig config;
    private final SendGate gate;
    private final FleetStats stats;
    private final Vertx vertx;
    private final Context context;
    private final Deque<AwaitingAck> awaitingAck = new ArrayDeque<>();

    private State state = State.IDLE;
    private MqttClient client;
    private long timerId = -1;
    private long reconnectDelayMs = FIRST_RECONNECT_DELAY_MS;
    private boolean parkedAtGate;
    private boolean everConnected;

    DeviceConnection(SimulatedDevice device, FleetConfig config, SendGate gate, FleetStats stats, Vertx vertx,
                     Context context) {
        this.device = device;
        this.config = config;
        this.gate = gate;
        this.stats = stats;
        this.vertx = vertx;
        this.context = context;
    }

    String deviceId() {
        return device.deviceId();
    }

    /** Starts connecting. Call on the connection's context. */
    void start() {
        connect();
    }

    /**
     * Stops for good: messages still awaiting a PUBACK count as failed, and the connection is closed politely.
     * Call on the connection's context.
     */
    Future<Void> stop() {
        State previous = state;
        state = State.STOPPED;
        cancelTimer();
        failAwaitingAck();
        MqttClient current = client;
        client = null;
        if (current == null) {
            return Future.succeededFuture();
        }
        if (previous == State.CONNECTED) {
            stats.disconnected(false);
        }
        return current.disconnect().recover(error -> Future.succeededFuture());
    }

    private void connect() {
        if (state == State.STOPPED) {
            return;
        }
        state = State.CONNECTING;
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(device.deviceId())
                .setCleanSession(true)
                .setKeepAliveInterval(KEEP_ALIVE_SECONDS)
                .setAutoKeepAlive(true)
                .setMaxInflightQueue(config.maxInFlight())
                .setAckTimeout((int) Math.max(1, config.ackTimeout().toSeconds()));
        options.setConnectTimeout((int) config.connectTimeout().toMillis());
        config.usernameFor(device.deviceId()).ifPresent(options::setUsername);
        config.passwordFor(device.deviceId()).ifPresent(options::setPassword);

        MqttClient attempt = MqttClient.create(vertx, options);
        client = attempt;
        attempt.publishCompletionHandler(packetId -> {
            if (attempt == client) {
                onAcknowledged();
            }
        });
        attempt.publishCompletionExpirationHandler(packetId -> {
            if (attempt == client) {
                onAckTimedOut();
            }
        });
        attempt.closeHandler(v -> onClosed(attempt));
        // Protocol and socket errors end in a close, which is where they are handled.
        attempt.exceptionHandler(error -> { });
        // The client has no CONNACK timeout of its own: a broker that accepts TCP and stays silent would hang us.
        timerId = vertx.setTimer(config.connectTimeout().toMillis(),
                id -> attemptFailed(attempt, "no CONNACK within " + config.connectTimeout().toSeconds() + " s"));
        attempt.connect(config.brokerPort(), config.brokerHost()).onComplete(result -> {
            if (attempt != client || state != State.CONNECTING) {
                return;
            }
            if (result.succeeded()) {
                onConnected();
            } else {
                attemptFailed(attempt, describe(result.cause()));
            }
        });
    }

    private void onConnected() {
        cancelTimer();
        state = State.CONNECTED;
        stats.connected(!everConnected);
        everConnected = true;
        reconnectDelayMs = FIRST_RECONNECT_DELAY_MS;
        pump(false);
    }

    private void attemptFailed(MqttClient attempt, String reason) {
        if (attempt != client || state != State.CONNECTING) {
            return;
        }
        cancelTimer();
        client = null;
        stats.connectFailed(device.deviceId() + ": " + reason);
        attempt.disconnect().onFailure(ignored -> { });
        scheduleReconnect();
    }

    private void onClosed(MqttClient attempt) {
        if (attempt != client) {
            return;
        }
        if (state == State.CONNECTING) {
            attemptFailed(attempt, "connection closed before CONNACK");
        } else if (state == State.CONNECTED) {
            client = null;
            stats.disconnected(true);
            // The broker never confirmed these; with a clean session they are gone.
            failAwaitingAck();
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        if (state == State.STOPPED) {
            return;
        }
        state = State.WAITING_TO_RECONNECT;
        // Jitter so that a fleet dropped at once does not come back at once.
        long delay = reconnectDelayMs + ThreadLocalRandom.current().nextLong(reconnectDelayMs / 2 + 1);
        reconnectDelayMs = Math.min(reconnectDelayMs * 2, MAX_RECONNECT_DELAY_MS);
        timerId = vertx.setTimer(delay, id -> {
            timerId = -1;
            connect();
        });
    }

    /**
     * Sends while the window has room and the gate says yes; joins the gate's line when it says later.
     *
     * @param woken whether the gate just gave this device a turn, which must be used or passed back
     */
    private void pump(boolean woken) {
        boolean holdingTurn = woken;
        try {
            if (state != State.CONNECTED) {
                return;
            }
            // Bounded per call, so a publish that fails at once cannot spin this loop.
            int room = config.maxInFlight() - awaitingAck.size();
            for (int i = 0; i < room; i++) {
                SendGate.Permit permit = gate.tryAcquire(holdingTurn);
                holdingTurn = false;
                switch (permit) {
                    case GRANTED -> send();
                    case LATER -> {
                        parkAtGate();
                        return;
                    }
                    case NEVER -> {
                        return;
                    }
                }
            }
        } finally {
            if (holdingTurn) {
                gate.passTurn();
            }
        }
    }

    private void parkAtGate() {
        if (parkedAtGate) {
            return;
        }
        parkedAtGate = true;
        gate.wakeMeLater(() -> context.runOnContext(v -> {
            parkedAtGate = false;
            pump(true);
        }));
    }

    private void send() {
        OutgoingMessage message = device.nextMessage(config.eventsPerMessage());
        AwaitingAck sent = new AwaitingAck(message, System.nanoTime());
        awaitingAck.addLast(sent);
        stats.messageSent(message.eventCount(), message.body().length);
        client.publish(message.topic(), Buffer.buffer(message.body()), MqttQoS.AT_LEAST_ONCE, false, false)
                .onFailure(error -> {
                    // This very message, wherever it is in the window.
                    if (awaitingAck.removeIf(waiting -> waiting == sent)) {
                        stats.messagesFailed(1);
                        config.publishListener().unconfirmed(message);
                    }
                });
    }

    private void onAcknowledged() {
        AwaitingAck acknowledged = awaitingAck.pollFirst();
        if (acknowledged != null) {
            stats.messageAcked(System.nanoTime() - acknowledged.sentAtNanos());
            config.publishListener().acknowledged(acknowledged.message());
        }
        pump(false);
    }

    private void onAckTimedOut() {
        AwaitingAck expired = awaitingAck.pollFirst();
        if (expired != null) {
            stats.messagesFailed(1);
            config.publishListener().unconfirmed(expired.message());
        }
        pump(false);
    }

    private void failAwaitingAck() {
        stats.messagesFailed(awaitingAck.size());
        awaitingAck.forEach(waiting -> config.publishListener().unconfirmed(waiting.message()));
        awaitingAck.clear();
    }

    private void cancelTimer() {
        if (timerId != -1) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    /** A published message waiting for its PUBACK; kept as an object so a failed publish can find its own. */
    private static final class AwaitingAck {

        private final OutgoingMessage message;
        private final long sentAtNanos;

        AwaitingAck(OutgoingMessage message, long sentAtNanos) {
            this.message = message;
            this.sentAtNanos = sentAtNanos;
        }

        OutgoingMessage message() {
            return message;
        }

        long sentAtNanos() {
            return sentAtNanos;
        }
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
