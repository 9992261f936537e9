package io.vigil.simulator.fleet;

import io.vigil.simulator.scenario.OutgoingMessage;

/**
 * Hears the fate of every message a fleet publishes, so that a harness can check afterwards that each message the
 * broker confirmed arrived where it should. Called on the device's event loop: keep it short.
 */
public interface PublishListener {

    PublishListener NONE = new PublishListener() {
    };

    /** The broker confirmed the message (PUBACK): it owns it now. */
    default void acknowledged(OutgoingMessage message) {
    }

    /**
     * No PUBACK came (the connection dropped, the ack timed out, the run ended first): the broker may or may not
     * have the message.
     */
    default void unconfirmed(OutgoingMessage message) {
    }
}
