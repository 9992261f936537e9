package io.vigil.simulator.scenario;

import io.vigil.simulator.agent.Events;
import io.vigil.simulator.agent.ProcessCreate;

import java.util.List;

/** XMRig dropped in a hidden folder under /tmp, mining to a stratum pool. */
final class CryptoMinerScenario implements AttackScenario {

    static final String POOL = "pool.supportxmr.com";
    static final int POOL_PORT = 3333;

    @Override
    public String name() {
        return "crypto-miner";
    }

    @Override
    public String description() {
        return "xmrig started with a stratum+tcp pool URL, connecting out to the pool";
    }

    @Override
    public List<String> expectedFindings() {
        return List.of("alert IoT_CryptoMiner (Crypto coin miner image)");
    }

    @Override
    public Episode attack(DeviceState device) {
        String poolAddress = device.externalAddress("198.51.100");
        Account victim = device.profile().appUser();
        ProcessCreate miner = device.process("/tmp/.cache/xmrig",
                "/tmp/.cache/xmrig -o stratum+tcp://" + POOL + ":" + POOL_PORT
                        + " -u simulated-wallet." + device.profile().hostName()
                        + " -p x --donate-level=0 --cpu-priority=5 -B",
                victim, DeviceState.APP_PID);
        return new Episode()
                .atMillis(0, miner)
                .atMillis(900, Events.outboundConnection("/tmp/.cache/xmrig", poolAddress, POOL_PORT)
                        .local(device.profile().lanAddress(), device.ephemeralPort())
                        .processId(miner.processId()).userId(victim.userId()).commandLine(miner.commandLine()));
    }
}
