package io.vigil.faults.scenarios;

import io.vigil.faults.topology.Topology;

import java.time.Duration;
import java.util.List;

/**
 * One thing that goes wrong: {@link #inject} breaks a part of the topology, the harness waits {@link #hold()} under
 * load, {@link #heal} puts it right. Recovery is measured from the moment {@code heal} returns.
 */
public interface Fault {

    /** Short name for the report and the command line, e.g. {@code kill-ingest}. */
    String name();

    /** What it does, for the report. */
    String description();

    void inject(Topology topology) throws Exception;

    /** How long the fault stays on. */
    Duration hold();

    void heal(Topology topology) throws Exception;

    /** Extra lines for the report (measurements of its own), once the run is over. */
    default List<String> findings() {
        return List.of();
    }

    /** Invariants of its own that failed (e.g. a malformed message missing from the rejects table). */
    default List<String> violations() {
        return List.of();
    }

    /** Checks its own invariants once everything has settled; {@link #violations()} reports them. */
    default void verify(io.vigil.faults.check.Sql.Connector db) throws Exception {
    }
}
