package io.vigil.simulator.scenario;

import io.vigil.simulator.agent.Events;

import java.util.List;

/**
 * Ten failed ssh logins from one internet address within 40 s, each with a different common user name, then a
 * successful login from the same address as the device's application user.
 */
public final class SshBruteforceScenario implements AttackScenario {

    /** The user names the attacker guesses, one per failed login, in order. */
    public static final List<String> GUESSED_USERS = List.of(
            "root", "admin", "ubuntu", "pi", "user", "test", "oracle", "support", "guest", "ftp");
    static final int FAILURES = 10;
    static final int SECONDS_BETWEEN_ATTEMPTS = 4;

    private final boolean succeeds;

    SshBruteforceScenario(boolean succeeds) {
        this.succeeds = succeeds;
    }

    @Override
    public String name() {
        return succeeds ? "ssh-bruteforce" : "failed-bruteforce";
    }

    @Override
    public String description() {
        return succeeds
                ? FAILURES + " failed ssh logins from one address within 60 s, then a success from it"
                : FAILURES + " failed ssh logins from one address within 60 s, no success";
    }

    @Override
    public List<String> expectedFindings() {
        return succeeds
                ? List.of("alert IoT_Bruteforce_Success (Successful Bruteforce attempt, High)")
                : List.of("alert IoT_Bruteforce_Fail (Failed Bruteforce attempt, Low)");
    }

    @Override
    public Episode attack(DeviceState device) {
        String attacker = device.externalAddress("203.0.113");
        Episode episode = new Episode();
        for (int attempt = 0; attempt < FAILURES; attempt++) {
            episode.atSecond((long) attempt * SECONDS_BETWEEN_ATTEMPTS,
                    Events.loginFailure("/usr/sbin/sshd", GUESSED_USERS.get(attempt))
                            .processId(device.nextPid())
                            .remote(attacker, device.ephemeralPort())
                            .localPort(22));
        }
        if (succeeds) {
            Account victim = device.profile().appUser();
            episode.atSecond((long) FAILURES * SECONDS_BETWEEN_ATTEMPTS,
                    Events.loginSuccess("/usr/sbin/sshd", victim.userName())
                            .userId(victim.userId())
                            .processId(device.nextPid())
                            .remote(attacker, device.ephemeralPort())
                            .localPort(22));
        }
        return episode;
    }
}
