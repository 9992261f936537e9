package io.vigil.simulator.scenario;

import java.util.List;

/** Credential dumping tools run as root: LaZagne, mimipenguin and unshadow. */
final class CredentialAccessToolsScenario implements AttackScenario {

    @Override
    public String name() {
        return "credential-access-tools";
    }

    @Override
    public String description() {
        return "python3 laZagne.py all, ./mimipenguin.sh, unshadow /etc/passwd /etc/shadow";
    }

    @Override
    public List<String> expectedFindings() {
        return List.of("alert IoT_CredentialAccessTools (Tools commonly used for malicious credentials access)");
    }

    @Override
    public Episode attack(DeviceState device) {
        int shellPid = device.nextPid();
        return new Episode()
                .atMillis(0, device.process("/usr/bin/python3.11", "python3 /tmp/LaZagne/Linux/laZagne.py all",
                        Account.ROOT, shellPid))
                .atSecond(8, device.process("/bin/bash", "/bin/bash ./mimipenguin.sh", Account.ROOT, shellPid))
                .atSecond(15, device.process("/usr/sbin/unshadow", "unshadow /etc/passwd /etc/shadow",
                        Account.ROOT, shellPid));
    }
}
