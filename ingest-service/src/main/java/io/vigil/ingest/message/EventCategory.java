package io.vigil.ingest.message;

/**
 * When an agent sends an event: as a periodic snapshot, when something happens, or as a summary of similar
 * triggered events.
 */
public enum EventCategory {
    /** A snapshot taken on a schedule; may be empty ({@code IsEmpty: true}). */
    PERIODIC("Periodic"),
    /** Sent when something happens; never empty. */
    TRIGGERED("Triggered"),
    /**
     * Similar triggered events folded into one, with HitCount and start/end times in ExtraDetails. Real agents send it
     * although the v1 schema does not list it; it follows the rules of {@link #TRIGGERED}.
     */
    AGGREGATED("Aggregated");

    private final String wireName;

    EventCategory(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling on the wire, e.g. {@code Periodic}. */
    public String wireName() {
        return wireName;
    }

    /** Only periodic snapshots may say {@code IsEmpty: true}. */
    public boolean mayBeEmpty() {
        return this == PERIODIC;
    }

    /** The category with this exact wire spelling, or {@code null} if there is none. */
    public static EventCategory fromWireName(String wireName) {
        return switch (wireName) {
            case "Periodic" -> PERIODIC;
            case "Triggered" -> TRIGGERED;
            case "Aggregated" -> AGGREGATED;
            default -> null;
        };
    }
}
