package io.vigil.simulator.scenario;

import io.vigil.simulator.agent.FirewallConfiguration.Action;
import io.vigil.simulator.agent.FirewallConfiguration.Rule;

import java.util.List;

/**
 * A firewall that lets everything through: INPUT and OUTPUT policies accept, an INPUT rule opens port 1337 to
 * any source, another accepts everything from {@code 0.0.0.0/0}, and an OUTPUT rule accepts everything to
 * {@code 0.0.0.0/0}. Shown in every FirewallConfiguration snapshot.
 */
final class PermissiveFirewallScenario implements Scenario {

    @Override
    public String name() {
        return "permissive-firewall";
    }

    @Override
    public String description() {
        return "INPUT/OUTPUT policies Allow, allow-all rules (any source to 1337, 0.0.0.0/0)";
    }

    @Override
    public List<String> expectedFindings() {
        return List.of("recommendation IoT_PermissiveFirewallPolicy",
                "recommendation IoT_PermissiveInputFirewallRules",
                "recommendation IoT_PermissiveOutputFirewallRules");
    }

    @Override
    public void prepare(DeviceState device) {
        device.posture().replaceFirewall(List.of(
                Rule.allow().chain("INPUT").priority(0).extra("i", "lo"),
                Rule.allow().chain("INPUT").priority(1).protocol("tcp").destinationPort(1337).extra("m", "tcp"),
                Rule.allow().chain("INPUT").priority(2).sourceAddress("0.0.0.0/0"),
                Rule.policy("INPUT", Action.ALLOW, 3),
                Rule.allow().chain("OUTPUT").priority(0).destinationAddress("0.0.0.0/0"),
                Rule.policy("OUTPUT", Action.ALLOW, 1),
                Rule.policy("FORWARD", Action.DENY, 0)));
    }
}
