package io.vigil.simulator.scenario;

import io.vigil.simulator.agent.AgentEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A short burst of related events with their spacing in time: a cron job with its children, an ssh session, ten
 * failed logins 4 s apart. The device stamps it so that its last event happens "now" (an agent reports what
 * already happened), keeping the spacing that time-window rules key on.
 */
public final class Episode {

    private final List<AgentEvent<?>> events = new ArrayList<>();
    private final List<Duration> offsets = new ArrayList<>();

    /** Adds an event {@code offset} after the start of the episode. */
    public Episode at(Duration offset, AgentEvent<?> event) {
        if (offset.isNegative()) {
            throw new IllegalArgumentException("an offset into an episode cannot be negative: " + offset);
        }
        events.add(event);
        offsets.add(offset);
        return this;
    }

    public Episode atSecond(long seconds, AgentEvent<?> event) {
        return at(Duration.ofSeconds(seconds), event);
    }

    public Episode atMillis(long millis, AgentEvent<?> event) {
        return at(Duration.ofMillis(millis), event);
    }

    public List<AgentEvent<?>> events() {
        return Collections.unmodifiableList(events);
    }

    public int size() {
        return events.size();
    }

    /** Time from the first to the last event. */
    public Duration span() {
        return offsets.stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** Gives every event its time so that the episode ends at {@code end}; returns the events in order. */
    List<AgentEvent<?>> endingAt(Instant end) {
        Instant start = end.minus(span());
        for (int i = 0; i < events.size(); i++) {
            events.get(i).at(start.plus(offsets.get(i)));
        }
        return events();
    }
}
