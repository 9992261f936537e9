package io.vigil.simulator.fleet;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vigil.simulator.agent.AgentSchemaValidator;
import io.vigil.simulator.agent.DeviceTopic;
import io.vigil.simulator.scenario.FleetPlan;
import io.vigil.simulator.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet against a real (in-process, loopback-only) MQTT broker: one connection per device under its own id,
 * QoS 1 on the security topic, the rate held, and every run ending by itself when the broker misbehaves.
 */
@Timeout(60)
class FleetRunnerTest {

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    private RunSummary run(FleetConfig config) throws InterruptedException {
        return new FleetRunner(config, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();
    }

    private static FleetPlan plan(int devices, String scenario) {
        return FleetPlan.uniform(FleetPlan.deviceIds("sim-device", devices), Scenarios.named(scenario).orElseThrow());
    }

    @Test
    void eachDevicePublishesValidSecurityMessagesOnItsOwnConnection() throws Exception {
        try (LoopbackBroker broker = LoopbackBroker.acknowledging()) {
            RunSummary summary = run(FleetConfig.builder("127.0.0.1", broker.port(), plan(3, "reverse-shell"))
                    .rate(0).messageLimit(30).eventsPerMessage(5)
                    .credentials("hub/{deviceId}", "key-{deviceId}")
                    .build());

            assertThat(summary.stopReason()).isEqualTo("messages");
            assertThat(summary.messages()).isEqualTo(30);
            assertThat(summary.acked()).isEqualTo(30);
            assertThat(summary.failed()).isZero();
            assertThat(summary.events()).isEqualTo(150);
            assertThat(summary.devicesConnected()).isEqualTo(3);
            assertThat(summary.succeeded()).isTrue();

            assertThat(broker.received).hasSize(30);
            assertThat(broker.usernames).containsEntry("sim-device-2", "hub/sim-device-2");
            assertThat(broker.passwords).containsEntry("sim-device-3", "key-sim-device-3");
            // Every device connected as itself; which of them sent the 30 messages depends on who was first.
            assertThat(broker.usernames).containsOnlyKeys("sim-device-1", "sim-device-2", "sim-device-3");
            assertThat(broker.received.stream().map(LoopbackBroker.Received::clientId).collect(Collectors.toSet()))
                    .isSubsetOf("sim-device-1", "sim-device-2", "sim-device-3");
            assertThat(broker.received).allSatisfy(message -> {
                assertThat(message.topic()).isEqualTo(DeviceTopic.telemetry(message.clientId()));
                assertThat(message.qos()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
                AgentSchemaValidator.assertValid(message.body());
            });
        }
    }

    @Test
    void theListenerHearsOfEveryAcknowledgedMessage() throws Exception {
        java.util.List<io.vigil.simulator.scenario.OutgoingMessage> acknowledged =
                java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (LoopbackBroker broker = LoopbackBroker.acknowledging()) {
            RunSummary summary = run(FleetConfig.builder("127.0.0.1", broker.port(), plan(2, "normal"))
                    .rate(0).messageLimit(20).eventsPerMessage(3)
                    .publishListener(new PublishListener() {
                        @Override
                        public void acknowledged(io.vigil.simulator.scenario.OutgoingMessage message) {
                            acknowledged.add(message);
                        }
                    })
                    .build());

            assertThat(summary.acked()).isEqualTo(20);
            assertThat(acknowledged).hasSize(20);
            assertThat(acknowledged.stream().map(m -> new String(m.body(), StandardCharsets.UTF_8)).toList())
                    .containsExactlyInAnyOrderElementsOf(broker.received.stream()
                            .map(m -> new String(m.body(), StandardCharsets.UTF_8)).toList());
        }
    }

    @Test
    void theFleetHoldsTheTargetRate() throws Exception {
        try (LoopbackBroker broker = LoopbackBroker.acknowledging()) {
            RunSummary summary = run(FleetConfig.builder("127.0.0.1", broker.port(), plan(5, "normal"))
                    .rate(100).duration(Duration.ofSeconds(2)).build());

            assertThat(summary.stopReason()).isEqualTo("duration");
            // 2 s at 100/s, plus the bucket's tenth of a second; minus a little for start-up.
            assertThat(summary.acked()).isBetween(170L, 215L);
            assertThat(summary.failed()).isZero();
            assertThat(progress.toString(StandardCharsets.UTF_8)).contains("connected 5/5");
        }
    }

    @Test
    void aBrokerThatIsNotThereEndsTheRunAsStalled() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RunSummary summary = run(FleetConfig.builder("127.0.0.1", closedPort, plan(2, "normal"))
                .messageLimit(10).stallTimeout(Duration.ofSeconds(2)).build());

        assertThat(summary.stopReason()).startsWith("stalled: no device connected to 127.0.0.1:" + closedPort);
        assertThat(summary.messages()).isZero();
        assertThat(summary.connectFailures()).isPositive();
        assertThat(summary.succeeded()).isFalse();
    }

    @Test
    void aBrokerThatNeverAcknowledgesEndsTheRunWithFailures() throws Exception {
        try (LoopbackBroker broker = LoopbackBroker.silent()) {
            RunSummary summary = run(FleetConfig.builder("127.0.0.1", broker.port(), plan(2, "normal"))
                    .rate(0).messageLimit(1_000_000).maxInFlight(4)
                    .ackTimeout(Duration.ofSeconds(1)).stallTimeout(Duration.ofSeconds(2))
                    .drainTimeout(Duration.ofMillis(500)).build());

            assertThat(summary.stopReason()).startsWith("stalled: nothing acknowledged");
            assertThat(summary.acked()).isZero();
            assertThat(summary.failed()).isEqualTo(summary.messages()).isPositive();
        }
    }

    @Test
    void devicesReconnectAfterTheBrokerDropsThem() throws Exception {
        try (LoopbackBroker broker = LoopbackBroker.droppingEvery(5)) {
            RunSummary summary = run(FleetConfig.builder("127.0.0.1", broker.port(), plan(2, "ssh-bruteforce"))
                    .rate(0).maxInFlight(1).messageLimit(30).build());

            assertThat(summary.stopReason()).isEqualTo("messages");
            assertThat(summary.connectionLosses()).isPositive();
            assertThat(broker.connections.get()).isGreaterThan(2);
            assertThat(summary.acked() + summary.failed()).isEqualTo(summary.messages());
            assertThat(summary.messages()).isEqualTo(30);
        }
    }

    @Test
    void mixedFleetReportsWhoAttacks() throws Exception {
        try (LoopbackBroker broker = LoopbackBroker.acknowledging()) {
            FleetPlan plan = FleetPlan.mixed(FleetPlan.deviceIds("sim-device", 20), 0.1, 11);
            RunSummary summary = run(FleetConfig.builder("127.0.0.1", broker.port(), plan)
                    .scenarioLabel("mixed").rate(0).messageLimit(60).build());

            assertThat(summary.suspiciousDevices()).hasSize(2);
            assertThat(summary.devicesByScenario()).containsEntry("normal", 18);
            List<String> senders = broker.received.stream().map(LoopbackBroker.Received::clientId).distinct().toList();
            assertThat(senders).isNotEmpty();
        }
    }
}
