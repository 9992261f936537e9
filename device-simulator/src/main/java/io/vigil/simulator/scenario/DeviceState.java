package io.vigil.simulator.scenario;

import io.vigil.simulator.agent.Events;
import io.vigil.simulator.agent.ProcessCreate;

import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * One simulated device while it runs: its profile and posture, its random source, and the process ids it hands
 * out. Scenarios read and change it to produce their events.
 * <p>
 * All randomness comes from one generator seeded with the run seed and the device id, and a device is driven by
 * one thread at a time, so a device produces the same events for the same seed whatever else the fleet does.
 */
public final class DeviceState {

    /** Long-running processes every device has, by pid. */
    public static final int SYSTEMD_PID = 1;
    public static final int CRON_PID = 412;
    public static final int SSHD_PID = 587;
    public static final int APP_PID = 633;

    private static final int FIRST_DYNAMIC_PID = 1000;
    private static final int MAX_PID = 32_768;

    private final DeviceProfile profile;
    private final DevicePosture posture;
    private final SplittableRandom random;
    private int lastPid;

    public DeviceState(DeviceProfile profile, long seed) {
        this.profile = profile;
        this.posture = DevicePosture.wellKept(profile);
        // Mix the device id in so that devices of one run differ, yet each is repeatable for a seed.
        this.random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * profile.deviceId().hashCode()));
        this.lastPid = FIRST_DYNAMIC_PID + random.nextInt(4000);
    }

    public DeviceProfile profile() {
        return profile;
    }

    public DevicePosture posture() {
        return posture;
    }

    public SplittableRandom random() {
        return random;
    }

    /** The next process id, growing like the kernel's and wrapping below 32768. */
    public int nextPid() {
        lastPid += 1 + random.nextInt(40);
        if (lastPid >= MAX_PID) {
            lastPid = FIRST_DYNAMIC_PID + random.nextInt(100);
        }
        return lastPid;
    }

    /** A client-side port from the Linux ephemeral range. */
    public int ephemeralPort() {
        return 32_768 + random.nextInt(28_232);
    }

    /** A random version-4 GUID drawn from the device's seeded generator. */
    public UUID nextUuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    /**
     * An internet address for an attacker or a server, from the documentation ranges of RFC 5737
     * ({@code 203.0.113.0/24}, {@code 198.51.100.0/24}) so no real host is named.
     */
    public String externalAddress(String documentationPrefix) {
        return documentationPrefix + "." + (2 + random.nextInt(252));
    }

    public <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** A process start with a fresh pid, run by {@code account} under {@code parentPid}. */
    public ProcessCreate process(String executable, String commandLine, Account account, int parentPid) {
        return Events.processCreate(executable, commandLine)
                .processId(nextPid())
                .parentProcessId(parentPid)
                .user(account.userId(), account.userName());
    }
}
