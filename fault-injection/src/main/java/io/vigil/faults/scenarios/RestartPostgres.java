package io.vigil.faults.scenarios;

import io.vigil.faults.topology.Topology;

import java.time.Duration;

/** PostgreSQL stopped (fast shutdown: open transactions abort) and started again on the same data. */
public final class RestartPostgres implements Fault {

    private final Duration downtime;

    public RestartPostgres(Duration downtime) {
        this.downtime = downtime;
    }

    @Override
    public String name() {
        return "restart-postgres";
    }

    @Override
    public String description() {
        return "stop PostgreSQL (fast shutdown), start it again on the same data after " + downtime.toSeconds() + " s";
    }

    @Override
    public void inject(Topology topology) {
        topology.stopPostgres();
    }

    @Override
    public Duration hold() {
        return downtime;
    }

    @Override
    public void heal(Topology topology) throws Exception {
        topology.startPostgres();
    }
}
