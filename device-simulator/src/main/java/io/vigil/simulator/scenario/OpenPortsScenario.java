package io.vigil.simulator.scenario;

import io.vigil.simulator.agent.ListeningPorts.Endpoint;

import java.util.List;

/** The device exposes telnet, FTP and VNC on every interface; its listening-ports snapshots show them. */
final class OpenPortsScenario implements Scenario {

    @Override
    public String name() {
        return "open-ports";
    }

    @Override
    public String description() {
        return "listens on 0.0.0.0 ports 23 (telnet), 21 (ftp) and 5900 (vnc)";
    }

    @Override
    public List<String> expectedFindings() {
        return List.of("recommendation IoT_OpenPorts (Open Ports on device)");
    }

    @Override
    public void prepare(DeviceState device) {
        DevicePosture posture = device.posture();
        posture.listen(Endpoint.of("tcp", "0.0.0.0", 23).anyRemote().extra("Pid", "702"));
        posture.listen(Endpoint.of("tcp", "0.0.0.0", 21).anyRemote().extra("Pid", "715"));
        posture.listen(Endpoint.of("tcp", "0.0.0.0", 5900).anyRemote().extra("Pid", "731"));
    }
}
