package io.vigil.simulator.scenario;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The same seed gives the same bytes; a device's identity does not depend on the seed at all. */
class DeterminismTest {

    private static List<String> bodies(String deviceId, Scenario scenario, long seed) {
        return DeviceRecording.of(deviceId, scenario, seed, 60, 10).messages.stream()
                .map(m -> new String(m.body(), java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    @Test
    void sameSeedSameMessages() {
        for (Scenario scenario : Scenarios.all()) {
            assertThat(bodies("sim-device-9", scenario, 1234)).as(scenario.name())
                    .isEqualTo(bodies("sim-device-9", scenario, 1234));
        }
    }

    @Test
    void anotherSeedOtherContent() {
        assertThat(bodies("sim-device-9", Scenarios.normal(), 1)).isNotEqualTo(bodies("sim-device-9", Scenarios.normal(), 2));
    }

    @Test
    void devicesOfOneRunDiffer() {
        assertThat(bodies("sim-device-1", Scenarios.normal(), 5)).isNotEqualTo(bodies("sim-device-2", Scenarios.normal(), 5));
    }

    @Test
    void identityIsStableAcrossSeeds() {
        DeviceProfile profile = DeviceProfile.of("sim-device-9");
        assertThat(DeviceProfile.of("sim-device-9")).isEqualTo(profile);
        assertThat(profile.agentId()).hasSize(36);
        assertThat(profile.lanAddress()).startsWith("10.20.");
        for (long seed : new long[]{1, 99}) {
            assertThat(bodies("sim-device-9", Scenarios.normal(), seed).get(0))
                    .contains("\"AgentId\":\"" + profile.agentId() + "\"");
        }
    }
}
