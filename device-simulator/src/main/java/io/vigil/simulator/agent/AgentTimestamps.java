package io.vigil.simulator.agent;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Writes event timestamps as RFC 3339 with a {@code T} separator and milliseconds, e.g.
 * {@code 2026-11-24T10:15:30.123Z} or {@code 2026-11-24T11:15:30.123+01:00}. Some real agents put a space where
 * the {@code T} goes, which strict date-time validators reject; we emit the form every validator accepts.
 */
public final class AgentTimestamps {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private AgentTimestamps() {
    }

    /** The instant as seen by a device whose clock runs at {@code offset} ({@code Z} for UTC). */
    public static String format(Instant instant, ZoneOffset offset) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS).atOffset(offset));
    }

    public static String utc(Instant instant) {
        return format(instant, ZoneOffset.UTC);
    }
}
