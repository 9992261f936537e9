package io.vigil.simulator.scenario;

import java.util.List;

/** From the device, a port scan of the site network and an ssh password attack on its neighbour. */
final class KnownAttackToolsScenario implements AttackScenario {

    @Override
    public String name() {
        return "known-attack-tools";
    }

    @Override
    public String description() {
        return "nmap -sS of the site network, then hydra against a neighbour's ssh";
    }

    @Override
    public List<String> expectedFindings() {
        return List.of("alert IoT_KnownAttackTools (Known attack tool, Medium)");
    }

    @Override
    public Episode attack(DeviceState device) {
        Account victim = device.profile().appUser();
        String home = DeviceProfile.home(victim);
        return new Episode()
                .atMillis(0, device.process("/usr/bin/nmap", "nmap -sS -T4 -p 1-1024 10.20.0.0/24", Account.ROOT,
                        DeviceState.APP_PID))
                .atSecond(45, device.process("/usr/bin/hydra",
                        "hydra -l root -P " + home + "/rockyou.txt -t 4 ssh://" + DeviceProfile.ADMIN_WORKSTATION,
                        victim, DeviceState.APP_PID));
    }
}
