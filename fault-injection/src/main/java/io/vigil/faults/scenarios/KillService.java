package io.vigil.faults.scenarios;

import io.vigil.faults.topology.Topology;

import java.time.Duration;

/** kill -9 of one service mid-stream, started again after a while: a crash, or the OOM killer. */
public final class KillService implements Fault {

    private final String service;
    private final Duration downtime;

    public KillService(String service, Duration downtime) {
        this.service = service;
        this.downtime = downtime;
    }

    @Override
    public String name() {
        return "kill-" + service.replace("-service", "");
    }

    @Override
    public String description() {
        return "SIGKILL " + service + ", start it again after " + downtime.toSeconds() + " s";
    }

    @Override
    public void inject(Topology topology) {
        topology.kill(service);
    }

    @Override
    public Duration hold() {
        return downtime;
    }

    @Override
    public void heal(Topology topology) {
        topology.startService(service);
    }
}
