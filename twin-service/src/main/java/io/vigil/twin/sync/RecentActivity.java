package io.vigil.twin.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this replica knows of its twins' stored {@code lastActivityTime}: a lower bound per twin, so that a sighting
 * the database would ignore anyway (within the granularity of what is stored) costs no statement and no new twin
 * document. Bounded: the twins least recently seen are forgotten first, and a forgotten twin only costs one
 * statement. A twin deleted through the API while its device keeps talking is registered again once the device's
 * newest event is past the granularity.
 */
final class RecentActivity {

    private final Duration granularity;
    private final Map<String, Instant> storedAtLeast;

    RecentActivity(Duration granularity, int maxTwins) {
        this.granularity = granularity;
        this.storedAtLeast = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > maxTwins;
            }
        };
    }

    /** True when a registration of the twin at this time would change nothing. */
    synchronized boolean covers(String twin, Instant at) {
        Instant known = storedAtLeast.get(twin);
        return known != null && !at.isAfter(known.plus(granularity));
    }

    /** The statement wrote this time, or left a value it knew to be no older than it minus the granularity. */
    synchronized void stored(String twin, Instant atLeast) {
        storedAtLeast.merge(twin, atLeast, (a, b) -> a.isAfter(b) ? a : b);
    }

    Duration granularity() {
        return granularity;
    }
}
