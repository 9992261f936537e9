package io.vigil.twin.hubevents;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vigil.contracts.hubevents.HubEventNotice;
import io.vigil.twin.config.TwinConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reports twin updates (a device's reported patches, operators' twin writes) as hub events, folded into one notice
 * per device and interval with their count, so that a device patching its twin many times a second costs a counter,
 * not a message each. Beyond {@code max-tracked} devices in one interval, further devices' updates go unreported.
 * Held in memory until the interval ends: a replica that stops loses at most one interval's counts.
 */
@ApplicationScoped
public class TwinUpdateReporter {

    private final HubEventPublisher events;
    private final TwinConfig.TwinUpdates config;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    TwinUpdateReporter(HubEventPublisher events, TwinConfig config) {
        this.events = events;
        this.config = config.twinUpdates();
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        vertx.setPeriodic(config.reportInterval().toMillis(), id -> drain().forEach(events::publish));
    }

    /** Notes one update of the device's twin or of one of its module twins. */
    public synchronized void updated(String hub, String deviceId, Instant at) {
        String key = hub + "\n" + deviceId;
        Pending current = pending.get(key);
        if (current != null) {
            current.count++;
            current.lastAt = at;
        } else if (pending.size() < config.maxTracked()) {
            pending.put(key, new Pending(hub, deviceId, at));
        }
    }

    synchronized List<HubEventNotice> drain() {
        List<HubEventNotice> notices = new ArrayList<>();
        for (Pending entry : pending.values()) {
            notices.add(new HubEventNotice(HubEventNotice.CURRENT_VERSION, UUID.randomUUID().toString(), entry.hub, entry.deviceId, "",
                    HubEventNotice.TWIN_UPDATED, null, null, entry.count, entry.firstAt, entry.lastAt, null, null));
        }
        pending.clear();
        return notices;
    }

    private static final class Pending {
        private final String hub;
        private final String deviceId;
        private final Instant firstAt;
        private Instant lastAt;
        private int count = 1;

        Pending(String hub, String deviceId, Instant at) {
            this.hub = hub;
            this.deviceId = deviceId;
            this.firstAt = at;
            this.lastAt = at;
        }
    }
}
