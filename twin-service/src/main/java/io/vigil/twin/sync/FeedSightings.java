package io.vigil.twin.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * What twin-service reads of a feed publication: which devices were heard from and when. The events' payloads
 * are skipped by the parser instead of being built into trees nobody here looks at.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
record FeedSightings(int version, List<Sighting> messages) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Sighting(String hub, String deviceId, Instant receivedAt, List<EventTime> events) {

        /** The newest event time, or the receipt time of a message without events. */
        Instant latest() {
            Instant latest = null;
            if (events != null) {
                for (EventTime event : events) {
                    if (event != null && event.timestampUtc() != null && (latest == null || event.timestampUtc().isAfter(latest))) {
                        latest = event.timestampUtc();
                    }
                }
            }
            return latest != null ? latest : receivedAt;
        }
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record EventTime(Instant timestampUtc) {
    }
}
