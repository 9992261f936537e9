package io.vigil.simulator.scenario;

/** One security message ready to publish: its topic, JSON body and how many events it carries. */
public record OutgoingMessage(String topic, byte[] body, int eventCount) {
}
