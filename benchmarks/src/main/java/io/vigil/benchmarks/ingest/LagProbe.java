package io.vigil.benchmarks.ingest;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vigil.simulator.identity.DeviceLogins;
import io.vigil.simulator.identity.RegistryProvisioner;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end lag under load: once a second one probe message goes through the same broker and pipeline as the
 * load, and its lag is the time from its publication to the moment its row was stored ({@code time_generated},
 * from the database's clock on the same machine).
 */
final class LagProbe implements AutoCloseable {

    private static final String DEVICE = "bench-probe";

    private final Vertx vertx = Vertx.vertx();
    private final MqttClient client;
    private final Connection database;
    private final List<Double> lagsMillis = new ArrayList<>();
    private int lost;

    /** Connects as the probe device; with a registry, logged in with a SAS token as devices must be. */
    LagProbe(String brokerHost, int brokerPort, Connection database, Optional<RegistryProvisioner> registry) throws Exception {
        this.database = database;
        MqttClientOptions options = new MqttClientOptions().setClientId(registry.isPresent() ? DEVICE : DEVICE + "-" + UUID.randomUUID());
        if (registry.isPresent()) {
            DeviceLogins logins = new DeviceLogins(brokerHost, registry.get().keys(List.of(DEVICE)));
            options.setUsername(logins.username(DEVICE).orElseThrow()).setPassword(logins.password(DEVICE).orElseThrow());
        }
        this.client = MqttClient.create(vertx, options);
        client.connect(brokerPort, brokerHost).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Publishes one probe and waits (up to the timeout) for its row; records the lag. */
    void probe(Duration timeout) throws Exception {
        String eventId = UUID.randomUUID().toString();
        // The database keeps microseconds; a probe must be found by the very timestamp it was stored under.
        Instant sent = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String body = "{\"AgentVersion\":\"1.0.0\",\"AgentId\":\"5d8f2a1c-3b4e-4f6a-9c7d-1e2f3a4b5c6d\",\"MessageSchemaVersion\":\"1.0\","
                + "\"Events\":[{\"Id\":\"" + eventId + "\",\"TimestampLocal\":\"" + sent + "\",\"TimestampUTC\":\"" + sent + "\","
                + "\"Category\":\"Triggered\",\"Name\":\"ProcessCreate\",\"EventType\":\"Security\",\"IsEmpty\":false,"
                + "\"PayloadSchemaVersion\":\"1.0\",\"Payload\":[{\"Executable\":\"/bin/true\",\"ProcessId\":1,"
                + "\"ParentProcessId\":1,\"UserId\":\"0\",\"CommandLine\":\"true\"}]}]}";
        client.publish("devices/" + DEVICE + "/messages/events/%24.ifid=urn%3Aazureiot%3ASecurity%3ASecurityAgent%3A1",
                Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)), MqttQoS.AT_LEAST_ONCE, false, false);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (PreparedStatement find = database.prepareStatement("SELECT time_generated FROM workspace.security_iot_raw_event"
                + " WHERE device_id = ? AND iot_raw_event_id = ? AND time_stamp = ?")) {
            find.setString(1, DEVICE);
            find.setString(2, eventId);
            find.setObject(3, java.time.OffsetDateTime.ofInstant(sent, java.time.ZoneOffset.UTC));
            while (System.nanoTime() < deadline) {
                try (ResultSet row = find.executeQuery()) {
                    if (row.next()) {
                        Instant stored = row.getObject(1, java.time.OffsetDateTime.class).toInstant();
                        lagsMillis.add(Math.max(0, Duration.between(sent, stored).toNanos() / 1e6));
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        lost++;
    }

    List<Double> lagsMillis() {
        return lagsMillis;
    }

    int unanswered() {
        return lost;
    }

    @Override
    public void close() throws SQLException {
        client.disconnect();
        vertx.close();
    }
}
