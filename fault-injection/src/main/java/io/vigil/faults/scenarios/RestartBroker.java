package io.vigil.faults.scenarios;

import io.vigil.faults.topology.Topology;

import java.time.Duration;

/**
 * The broker stopped (cleanly, as an upgrade or a node drain would) and started again on the same data: every
 * connection drops, devices and services reconnect, persistent sessions and their queued messages must survive.
 */
public final class RestartBroker implements Fault {

    private final Duration downtime;

    public RestartBroker(Duration downtime) {
        this.downtime = downtime;
    }

    @Override
    public String name() {
        return "restart-broker";
    }

    @Override
    public String description() {
        return "stop the broker (SIGTERM), start it again on the same data after " + downtime.toSeconds() + " s";
    }

    @Override
    public void inject(Topology topology) {
        topology.stopBroker();
    }

    @Override
    public Duration hold() {
        return downtime;
    }

    @Override
    public void heal(Topology topology) throws Exception {
        topology.startBroker();
    }
}
