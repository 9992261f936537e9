package io.vigil.simulator.agent;

/** Direction of a connection or firewall rule, spelled as the schema wants it. */
public enum Direction {
    IN("In"),
    OUT("Out");

    private final String wireName;

    Direction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
