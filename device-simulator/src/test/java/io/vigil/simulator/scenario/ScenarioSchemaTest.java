package io.vigil.simulator.scenario;

import io.vigil.simulator.agent.AgentSchemaValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a scenario sends is valid per the agent's schema, however the events are batched. */
class ScenarioSchemaTest {

    static List<Scenario> scenarios() {
        return Scenarios.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void firstMessagesAreValid(Scenario scenario) {
        // Covers the snapshot, the attack and a good spread of everyday episodes.
        DeviceRecording recording = DeviceRecording.of(scenario, 40, 10);
        recording.messages.forEach(message -> AgentSchemaValidator.assertValid(message.body()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void singleEventMessagesAreValid(Scenario scenario) {
        DeviceRecording recording = DeviceRecording.of(scenario, 30, 1);
        recording.messages.forEach(message -> {
            AgentSchemaValidator.assertValid(message.body());
            assertThat(message.eventCount()).isEqualTo(1);
        });
    }

    @Test
    void aLongRunOfEveryEverydayEpisodeAndTheRepeatedSnapshotIsValid() {
        // Past one snapshot period, so the second snapshot (with non-zero statistics) is included.
        DeviceRecording recording = DeviceRecording.of(Scenarios.named("disable-firewall").orElseThrow(), 150, 25);
        recording.messages.forEach(message -> AgentSchemaValidator.assertValid(message.body()));
        assertThat(recording.named("FirewallConfiguration")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(recording.named("Diagnostic")).isNotEmpty();
    }
}
