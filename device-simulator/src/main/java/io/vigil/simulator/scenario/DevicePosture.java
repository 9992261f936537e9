package io.vigil.simulator.scenario;

import io.vigil.simulator.agent.FirewallConfiguration.Action;
import io.vigil.simulator.agent.FirewallConfiguration.Rule;
import io.vigil.simulator.agent.ListeningPorts.Endpoint;
import io.vigil.simulator.agent.LocalUsers.User;
import io.vigil.simulator.agent.OSBaseline.Check;
import io.vigil.simulator.agent.OSBaseline.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * The standing state a device reports in its periodic snapshots: listening sockets, firewall rules, accounts and
 * baseline results. It starts out as a well-kept device that should raise nothing; scenarios change it (open
 * ports, a permissive or flushed firewall).
 */
public final class DevicePosture {

    private final List<Endpoint> listening = new ArrayList<>();
    private final List<Rule> firewall = new ArrayList<>();
    private final List<User> users = new ArrayList<>();
    private final List<Check> baseline = new ArrayList<>();

    static DevicePosture wellKept(DeviceProfile profile) {
        DevicePosture posture = new DevicePosture();
        posture.listening.addAll(List.of(
                Endpoint.of("tcp", "127.0.0.53", 53).anyRemote().extra("Pid", "402"),
                Endpoint.of("udp", "127.0.0.53", 53).anyRemote().extra("Pid", "402"),
                Endpoint.of("udp", "127.0.0.1", 323).anyRemote().extra("Pid", "455"),
                // sshd on the site network only, for the operators.
                Endpoint.of("tcp", profile.lanAddress(), 22).anyRemote().extra("Pid", "587")));
        posture.firewall.addAll(guardedFirewall());
        Account app = profile.appUser();
        posture.users.addAll(List.of(
                User.of("0", "root").group("0", "root"),
                User.of("1", "daemon").group("1", "daemon"),
                User.of("2", "bin").group("2", "bin"),
                User.of("33", "www-data").group("33", "www-data"),
                User.of("65534", "nobody").group("65534", "nogroup"),
                User.of(app.userId(), app.userName()).group("1000", app.userName()).group("4", "adm")
                        .group("27", "sudo")));
        posture.baseline.addAll(passingBaseline());
        return posture;
    }

    /**
     * Deny by default both ways; inbound only loopback, replies and ssh from the site network; outbound only to
     * the site's own services. The loopback and conntrack rules carry their only match condition in ExtraDetails
     * (as the agent reports iptables options it does not model), so a permissive-rule check must look there too.
     */
    static List<Rule> guardedFirewall() {
        return List.of(
                Rule.allow().chain("INPUT").priority(0).extra("i", "lo"),
                Rule.allow().chain("INPUT").priority(1).extra("m", "conntrack").extra("ctstate", "RELATED,ESTABLISHED"),
                Rule.allow().chain("INPUT").priority(2).sourceAddress(DeviceProfile.SITE_NETWORK).protocol("tcp")
                        .destinationPort(22).extra("m", "tcp"),
                Rule.policy("INPUT", Action.DENY, 3),
                Rule.allow().chain("OUTPUT").priority(0).extra("o", "lo"),
                Rule.allow().chain("OUTPUT").priority(1).extra("m", "conntrack").extra("ctstate", "RELATED,ESTABLISHED"),
                Rule.allow().chain("OUTPUT").priority(2).destinationAddress(DeviceProfile.APPLICATION_GATEWAY)
                        .protocol("tcp").destinationPort(8883).extra("m", "tcp"),
                Rule.allow().chain("OUTPUT").priority(3).destinationAddress(DeviceProfile.DNS_SERVER)
                        .protocol("udp").destinationPort(53).extra("m", "udp"),
                Rule.allow().chain("OUTPUT").priority(4).destinationAddress(DeviceProfile.ROUTER)
                        .protocol("udp").destinationPort(123).extra("m", "udp"),
                Rule.allow().chain("OUTPUT").priority(5).destinationAddress(DeviceProfile.PACKAGE_MIRROR)
                        .protocol("tcp").destinationPort(80).extra("m", "tcp"),
                Rule.policy("OUTPUT", Action.DENY, 6),
                Rule.policy("FORWARD", Action.DENY, 0));
    }

    private static List<Check> passingBaseline() {
        return List.of(
                Check.pass("CCE-4325-7", "sshd accepts protocol 2 only", Severity.CRITICAL),
                Check.pass("CCE-4030-3", "sshd ignores rhosts files", Severity.CRITICAL),
                Check.pass("CCE-4370-3", "sshd host-based authentication is off", Severity.CRITICAL),
                Check.pass("CCE-3660-8", "sshd refuses accounts with empty passwords", Severity.CRITICAL),
                Check.pass("CCE-14716-5", "sshd does not let users set environment options", Severity.WARNING),
                Check.pass("CCE-4304-2", "/etc/anacrontab is owned by root with mode 600", Severity.CRITICAL),
                Check.pass("CCE-4365-3", "avahi-daemon is disabled", Severity.WARNING),
                Check.pass("CCE-4425-5", "cups is disabled", Severity.WARNING),
                Check.pass("CCE-14027-7", "the rds kernel module cannot be loaded", Severity.WARNING));
    }

    public List<Endpoint> listening() {
        return List.copyOf(listening);
    }

    public List<Rule> firewall() {
        return List.copyOf(firewall);
    }

    public List<User> users() {
        return List.copyOf(users);
    }

    public List<Check> baseline() {
        return List.copyOf(baseline);
    }

    /** Opens another listening socket. */
    public void listen(Endpoint endpoint) {
        listening.add(endpoint);
    }

    /** Replaces the whole rule set, as {@code iptables-restore} or a flush would. */
    public void replaceFirewall(List<Rule> rules) {
        firewall.clear();
        firewall.addAll(rules);
    }
}
