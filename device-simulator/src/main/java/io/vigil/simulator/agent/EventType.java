package io.vigil.simulator.agent;

/** The {@code EventType} field: security data, the agent's own health, or its diagnostic log. */
public enum EventType {
    SECURITY("Security"),
    OPERATIONAL("Operational"),
    DIAGNOSTIC("Diagnostic");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
