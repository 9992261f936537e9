package io.vigil.testing;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.mqtt.MqttClientOptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A blocking MQTT client for tests, connected to the test broker: publishes with QoS 1 and returns once the
 * broker acknowledged, and records what arrives on its subscriptions.
 */
public final class TestMqttClient implements AutoCloseable {

    public record Received(String topic, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** A PKCS #12 store holding a client's key and certificate. */
    public record ClientKeyStore(Path path, String password) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Vertx vertx = Vertx.vertx();
    /** Client, publishes and acknowledgements all run here, so a PUBACK never overtakes its bookkeeping. */
    private final Context context = vertx.getOrCreateContext();
    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<Integer, CompletableFuture<Void>> acks = new ConcurrentHashMap<>();

    private TestMqttClient(String clientId) {
        this(new MqttClientOptions().setClientId(clientId));
    }

    private TestMqttClient(MqttClientOptions options) {
        client = MqttClient.create(vertx, options.setCleanSession(true).setMaxInflightQueue(1000).setMaxMessageSize(4 * 1024 * 1024));
        client.publishHandler(message -> received.add(new Received(message.topicName(), message.payload().getBytes())));
        client.publishCompletionHandler(id -> {
            CompletableFuture<Void> ack = acks.remove(id);
            if (ack != null) {
                ack.complete(null);
            }
        });
    }

    /** Connects to the broker of {@link Infrastructure#shared()}. */
    public static TestMqttClient connect(String clientId) {
        Infrastructure infrastructure = Infrastructure.shared();
        TestMqttClient test = new TestMqttClient(clientId);
        CompletableFuture<Void> connected = new CompletableFuture<>();
        test.context.runOnContext(v -> test.client.connect(infrastructure.brokerPort(), infrastructure.brokerHost())
                .onSuccess(ack -> connected.complete(null)).onFailure(connected::completeExceptionally));
        await(connected);
        return test;
    }

    /**
     * Connects to a given broker as a device logs in (user name and password); fails with the broker's refusal
     * when the broker does not accept the login.
     */
    public static TestMqttClient connect(String host, int port, String clientId, String username, String password) {
        return connect(new MqttClientOptions().setClientId(clientId).setUsername(username).setPassword(password), host, port);
    }

    /**
     * Connects over TLS, trusting only the broker certificate in {@code serverCertificatePem} (and checking that it
     * names {@code host}), presenting {@code certificate} when given; fails with the broker's refusal.
     */
    public static TestMqttClient connectTls(String host, int port, Path serverCertificatePem, String clientId, String username,
                                            String password, Optional<ClientKeyStore> certificate) {
        MqttClientOptions options = new MqttClientOptions().setClientId(clientId).setUsername(username).setPassword(password);
        options.setSsl(true).setHostnameVerificationAlgorithm("HTTPS")
                .setTrustOptions(new PemTrustOptions().addCertPath(serverCertificatePem.toString()));
        certificate.ifPresent(store -> options.setKeyCertOptions(new PfxOptions().setPath(store.path().toString())
                .setPassword(store.password())));
        return connect(options, host, port);
    }

    private static TestMqttClient connect(MqttClientOptions options, String host, int port) {
        TestMqttClient test = new TestMqttClient(options);
        CompletableFuture<Void> connected = new CompletableFuture<>();
        test.context.runOnContext(v -> test.client.connect(port, host)
                .onSuccess(ack -> connected.complete(null)).onFailure(connected::completeExceptionally));
        try {
            await(connected);
        } catch (RuntimeException e) {
            test.vertx.close();
            throw e;
        }
        return test;
    }

    /** True while the broker keeps the connection (it closes it after a publish it does not allow, for instance). */
    public boolean isConnected() {
        return client.isConnected();
    }

    public static TestMqttClient connect() {
        return connect("test-" + UUID.randomUUID());
    }

    /** Publishes with QoS 1 and waits for the broker's PUBACK. */
    public void publish(String topic, byte[] payload) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        context.runOnContext(v -> client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
                .onSuccess(id -> {
                    acks.put(id, acknowledged);
                    sent.complete(null);
                })
                .onFailure(sent::completeExceptionally));
        await(sent);
        await(acknowledged);
    }

    /** Publishes with QoS 1 without waiting for the PUBACK, for publishes the broker is expected to refuse. */
    public void send(String topic, byte[] payload) {
        context.runOnContext(v -> client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false));
    }

    public void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    public void subscribe(String topicFilter) {
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        context.runOnContext(v -> client.subscribe(topicFilter, MqttQoS.AT_LEAST_ONCE.value())
                .onSuccess(id -> subscribed.complete(null)).onFailure(subscribed::completeExceptionally));
        await(subscribed);
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                await(client.disconnect().toCompletionStage().toCompletableFuture());
            }
        } finally {
            vertx.close();
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("MQTT operation did not complete", e);
        }
    }
}
