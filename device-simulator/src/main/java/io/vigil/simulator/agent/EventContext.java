package io.vigil.simulator.agent;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What an event needs from its message to be written: the device's UTC offset for {@code TimestampLocal}, and
 * where to take an id and a time from when the event was not given its own.
 */
record EventContext(ZoneOffset localOffset, Supplier<UUID> ids, Clock clock) {

    UUID nextId() {
        return ids.get();
    }

    Instant now() {
        return clock.instant();
    }

    String local(Instant instant) {
        return AgentTimestamps.format(instant, localOffset);
    }

    String utc(Instant instant) {
        return AgentTimestamps.utc(instant);
    }
}
