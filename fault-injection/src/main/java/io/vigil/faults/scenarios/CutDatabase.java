package io.vigil.faults.scenarios;

import io.vigil.faults.topology.Topology;

import java.time.Duration;

/**
 * The network path to PostgreSQL gone: the proxy resets every open connection and refuses new ones for a while,
 * then lets them through again. The server itself keeps running.
 */
public final class CutDatabase implements Fault {

    private final Duration length;

    public CutDatabase(Duration length) {
        this.length = length;
    }

    @Override
    public String name() {
        return "cut-database";
    }

    @Override
    public String description() {
        return "reset every connection to PostgreSQL and refuse new ones for " + length.toSeconds() + " s";
    }

    @Override
    public void inject(Topology topology) {
        topology.proxy().cut();
    }

    @Override
    public Duration hold() {
        return length;
    }

    @Override
    public void heal(Topology topology) {
        topology.proxy().heal();
    }
}
