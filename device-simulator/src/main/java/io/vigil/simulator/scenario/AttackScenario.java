package io.vigil.simulator.scenario;

/** A scenario with an attack: the events that should trigger its findings. */
public interface AttackScenario extends Scenario {

    /**
     * The attack's events with their spacing in time. May change the device's state too, as flushing the
     * firewall does.
     */
    Episode attack(DeviceState device);
}
