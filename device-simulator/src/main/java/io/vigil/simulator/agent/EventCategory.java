package io.vigil.simulator.agent;

/**
 * How an event came about. The agent's JSON Schema only knows {@link #PERIODIC} and {@link #TRIGGERED};
 * both real agents also emit {@link #AGGREGATED} when event aggregation is on, so a backend has to accept it even
 * though a strict schema check rejects it.
 */
public enum EventCategory {
    /** A snapshot taken on a schedule (listening ports, users, firewall, ...); may be empty. */
    PERIODIC("Periodic"),
    /** Something that happened (a process, a connection, a login); never empty. */
    TRIGGERED("Triggered"),
    /** Identical triggered events folded into one, with the hit count and time window in ExtraDetails. */
    AGGREGATED("Aggregated");

    private final String wireName;

    EventCategory(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
