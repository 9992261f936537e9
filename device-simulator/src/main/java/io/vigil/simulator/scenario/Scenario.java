package io.vigil.simulator.scenario;

import java.util.List;

/**
 * What a simulated device does. Every device reports its posture in periodic snapshots and goes about its
 * everyday activity; an {@link AttackScenario} adds an attack on top, and a scenario may change the device's
 * standing state (open ports, firewall) before its first snapshot.
 */
public interface Scenario {

    /** The name used on the command line, e.g. {@code ssh-bruteforce}. */
    String name();

    /** One line on what the device does. */
    String description();

    /** What a backend should raise for a device running this, e.g. {@code alert IoT_ReverseShell}. */
    List<String> expectedFindings();

    /** Changes the device's standing state before its first snapshot; nothing by default. */
    default void prepare(DeviceState device) {
    }
}
