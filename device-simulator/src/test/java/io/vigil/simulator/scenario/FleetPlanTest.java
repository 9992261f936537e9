package io.vigil.simulator.scenario;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FleetPlanTest {

    @Test
    void deviceIdsCountFromOne() {
        assertThat(FleetPlan.deviceIds("sim-device", 3)).containsExactly("sim-device-1", "sim-device-2", "sim-device-3");
    }

    @Test
    void mixedTurnsTheFractionIntoAttackersRunningEachScenarioInTurn() {
        List<String> ids = FleetPlan.deviceIds("d", 140);
        FleetPlan plan = FleetPlan.mixed(ids, 0.1, 7);
        assertThat(plan.suspiciousDevices()).hasSize(14);
        // 14 attackers, 14 suspicious scenarios: each exactly once.
        assertThat(plan.suspiciousDevices().values())
                .containsExactlyInAnyOrderElementsOf(Scenarios.suspicious().stream().map(Scenario::name).toList());
        assertThat(plan.countsByScenario().get("normal")).isEqualTo(126);
    }

    @Test
    void mixedIsRepeatableForASeed() {
        List<String> ids = FleetPlan.deviceIds("d", 50);
        assertThat(FleetPlan.mixed(ids, 0.2, 3).suspiciousDevices())
                .isEqualTo(FleetPlan.mixed(ids, 0.2, 3).suspiciousDevices())
                .isNotEqualTo(FleetPlan.mixed(ids, 0.2, 4).suspiciousDevices());
    }

    @Test
    void fractionsAtTheEdges() {
        List<String> ids = FleetPlan.deviceIds("d", 10);
        assertThat(FleetPlan.mixed(ids, 0, 1).suspiciousDevices()).isEmpty();
        assertThat(FleetPlan.mixed(ids, 1, 1).suspiciousDevices()).hasSize(10);
        assertThatThrownBy(() -> FleetPlan.mixed(ids, 1.5, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scenarioNamesAreTheDocumentedOnes() {
        assertThat(Scenarios.names()).containsExactly("normal", "ssh-bruteforce", "failed-bruteforce", "local-login",
                "reverse-shell", "crypto-miner", "open-ports", "permissive-firewall", "binary-command-line",
                "clear-history", "disable-firewall", "web-shell", "port-forwarding", "known-attack-tools",
                "credential-access-tools", "mixed");
        assertThat(Scenarios.suspicious()).allSatisfy(s -> assertThat(s.expectedFindings()).isNotEmpty());
    }
}
