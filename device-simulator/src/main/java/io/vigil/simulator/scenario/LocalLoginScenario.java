package io.vigil.simulator.scenario;

import io.vigil.simulator.agent.Events;

import java.util.List;

/** Someone logs in as root at the device's console: a successful login with no remote address. */
final class LocalLoginScenario implements AttackScenario {

    @Override
    public String name() {
        return "local-login";
    }

    @Override
    public String description() {
        return "a successful root login on the console (/bin/login, no remote address)";
    }

    @Override
    public List<String> expectedFindings() {
        return List.of("alert IoT_SucessfulLocalLogin (Successful local login, High)");
    }

    @Override
    public Episode attack(DeviceState device) {
        int loginPid = device.nextPid();
        return new Episode()
                .atMillis(0, Events.loginSuccess("/bin/login", Account.ROOT.userName())
                        .userId(Account.ROOT.userId())
                        .processId(loginPid))
                .atMillis(300, device.process("/bin/bash", "-bash", Account.ROOT, loginPid));
    }
}
