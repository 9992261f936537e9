package io.vigil.faults.load;

import io.vigil.simulator.scenario.OutgoingMessage;
import io.vigil.simulator.scenario.Scenario;
import io.vigil.simulator.scenario.Scenarios;
import io.vigil.simulator.scenario.SimulatedDevice;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One fresh device per attack scenario, playing its attack while a fault is on, so that each fault has alerts of
 * its own to check: the scenario's expected alerts, and onboarding, exactly once per device. Each device sends
 * {@value #MESSAGES_PER_DEVICE} messages of {@value #EVENTS_PER_MESSAGE} events (its snapshot, the attack, some
 * everyday activity), and a message whose PUBACK does not come is sent again, as the agent would.
 */
public final class AttackWave {

    public static final String ONBOARDED = "IoT_DeviceOnboarded";
    private static final int MESSAGES_PER_DEVICE = 8;
    private static final int EVENTS_PER_MESSAGE = 10;
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);

    private final String prefix;
    private final Map<String, Scenario> scenarioByDevice = new LinkedHashMap<>();

    public AttackWave(String prefix) {
        this.prefix = prefix;
        for (Scenario scenario : Scenarios.suspicious()) {
            scenarioByDevice.put(prefix + "-" + scenario.name(), scenario);
        }
    }

    /** Device id to the alert types it must have raised, each once. */
    public Map<String, Set<String>> expectedAlerts() {
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        scenarioByDevice.forEach((device, scenario) -> {
            Set<String> types = new LinkedHashSet<>();
            types.add(ONBOARDED);
            for (String finding : scenario.expectedFindings()) {
                // "alert IoT_X (display name, severity)"; "later: ..." needs a next snapshot this wave does not reach.
                String[] words = finding.trim().split("\\s+");
                if (words[0].equals("alert")) {
                    types.add(words[1]);
                }
            }
            expected.put(device, types);
        });
        return expected;
    }

    /** Plays every device's messages, interleaved, and returns once the broker acknowledged all of them. */
    public void play(AcknowledgingPublisher publisher, PublishLedger ledger) throws InterruptedException {
        Map<String, SimulatedDevice> devices = new LinkedHashMap<>();
        scenarioByDevice.forEach((id, scenario) -> devices.put(id, new SimulatedDevice(id, scenario, 11, Clock.systemUTC())));
        for (int i = 0; i < MESSAGES_PER_DEVICE; i++) {
            for (SimulatedDevice device : devices.values()) {
                OutgoingMessage message = device.nextMessage(EVENTS_PER_MESSAGE);
                publisher.publishUntilAcknowledged(message.topic(), message.body(), GIVE_UP_AFTER);
                ledger.acknowledged(message.topic(), message.body());
            }
        }
    }

    public String prefix() {
        return prefix;
    }
}
