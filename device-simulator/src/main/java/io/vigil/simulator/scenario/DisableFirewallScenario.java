package io.vigil.simulator.scenario;

import io.vigil.simulator.agent.FirewallConfiguration.Action;
import io.vigil.simulator.agent.FirewallConfiguration.Rule;

import java.util.List;

/**
 * Root opens the firewall: both policies to ACCEPT, then every rule flushed. From then on the device's firewall
 * snapshots show the empty, accepting chains, as a real agent would report them.
 */
final class DisableFirewallScenario implements AttackScenario {

    @Override
    public String name() {
        return "disable-firewall";
    }

    @Override
    public String description() {
        return "iptables -P INPUT/OUTPUT ACCEPT, iptables -F; later snapshots show it open";
    }

    @Override
    public List<String> expectedFindings() {
        return List.of("alert IoT_DisableFirewall (Disable firewall, High)",
                "later: recommendation IoT_PermissiveFirewallPolicy (from the next firewall snapshot)");
    }

    @Override
    public Episode attack(DeviceState device) {
        int shellPid = device.nextPid();
        Episode episode = new Episode()
                .atMillis(0, device.process("/usr/sbin/iptables", "iptables -P INPUT ACCEPT", Account.ROOT,
                        shellPid))
                .atMillis(800, device.process("/usr/sbin/iptables", "iptables -P OUTPUT ACCEPT",
                        Account.ROOT, shellPid))
                .atMillis(1900, device.process("/usr/sbin/iptables", "iptables -F", Account.ROOT,
                        shellPid));
        device.posture().replaceFirewall(List.of(
                Rule.policy("INPUT", Action.ALLOW, 0),
                Rule.policy("OUTPUT", Action.ALLOW, 0),
                Rule.policy("FORWARD", Action.DENY, 0)));
        return episode;
    }
}
