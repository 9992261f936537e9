package io.vigil.simulator.scenario;

import java.util.List;

/** An intruder wipes shell history three common ways: delete it, truncate it, point it at /dev/null. */
final class ClearHistoryScenario implements AttackScenario {

    @Override
    public String name() {
        return "clear-history";
    }

    @Override
    public String description() {
        return "rm ~/.bash_history, cat /dev/null > it && history -c, ln -sf /dev/null to root's";
    }

    @Override
    public List<String> expectedFindings() {
        return List.of("alert IoT_ClearHistoryFile (Bash history cleared, Low)");
    }

    @Override
    public Episode attack(DeviceState device) {
        Account victim = device.profile().appUser();
        String home = DeviceProfile.home(victim);
        int shellPid = device.nextPid();
        return new Episode()
                .atMillis(0, device.process("/usr/bin/rm", "rm -f " + home + "/.bash_history", victim, shellPid))
                .atSecond(2, device.process("/bin/bash",
                        "bash -c cat /dev/null > " + home + "/.bash_history && history -c", victim, shellPid))
                .atSecond(5, device.process("/usr/bin/ln", "ln -sf /dev/null /root/.bash_history", Account.ROOT,
                        shellPid));
    }
}
