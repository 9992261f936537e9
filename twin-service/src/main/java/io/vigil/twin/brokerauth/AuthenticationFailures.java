package io.vigil.twin.brokerauth;

import io.vertx.core.Vertx;
import io.vigil.contracts.hubevents.HubEventNotice;
import io.vigil.twin.config.TwinConfig;
import io.vigil.twin.hubevents.HubEventPublisher;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reports refused authentications as hub events, at most one notice per device, reason and interval: the first
 * failure at once, further ones of the interval folded into one notice with their count when it ends. A flood of
 * attempts thus costs a counter, not a message each; beyond {@code max-tracked} devices in one interval, failures
 * are only counted in the metrics.
 */
@ApplicationScoped
public class AuthenticationFailures {

    private final HubEventPublisher events;
    private final TwinConfig.BrokerAuth config;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    AuthenticationFailures(HubEventPublisher events, TwinConfig config) {
        this.events = events;
        this.config = config.brokerAuth();
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        vertx.setPeriodic(config.failureReportInterval().toMillis(), id -> flush());
    }

    /** Records a refusal of a login that names a device of a hub. */
    public synchronized void refused(AuthenticationDecision decision, String clientAddress, Instant at) {
        if (decision.hub() == null || decision.login() == null) {
            return;
        }
        String key = decision.hub() + "\n" + decision.login().deviceId() + "\n" + decision.login().moduleId() + "\n" + decision.reason();
        Pending current = pending.get(key);
        if (current != null) {
            current.count++;
            current.lastAt = at;
            current.clientAddress = clientAddress;
            return;
        }
        if (pending.size() >= config.maxTrackedFailures()) {
            return;
        }
        // The first failure of the interval is reported at once; the entry then collects the rest.
        publish(notice(decision, clientAddress, 1, at, at));
        pending.put(key, new Pending(decision, clientAddress, at));
    }

    private synchronized List<HubEventNotice> drain() {
        List<HubEventNotice> notices = new ArrayList<>();
        for (Pending entry : pending.values()) {
            if (entry.count > 0) {
                notices.add(notice(entry.decision, entry.clientAddress, entry.count, entry.firstAt, entry.lastAt));
            }
        }
        pending.clear();
        return notices;
    }

    private void flush() {
        drain().forEach(this::publish);
    }

    private static HubEventNotice notice(AuthenticationDecision decision, String clientAddress, int count, Instant firstAt, Instant lastAt) {
        return new HubEventNotice(HubEventNotice.CURRENT_VERSION, UUID.randomUUID().toString(), decision.hub(), decision.login().deviceId(), decision.login().moduleId(),
                HubEventNotice.AUTHENTICATION_FAILED, decision.reason(), clientAddress, count, firstAt, lastAt, null, null);
    }

    private void publish(HubEventNotice notice) {
        events.publish(notice);
    }

    /** Failures of one device and reason after the first of the interval. */
    private static final class Pending {
        private final AuthenticationDecision decision;
        private final Instant firstAt;
        private String clientAddress;
        private Instant lastAt;
        private int count;

        Pending(AuthenticationDecision decision, String clientAddress, Instant at) {
            this.decision = decision;
            this.clientAddress = clientAddress;
            this.firstAt = at;
            this.lastAt = at;
        }
    }
}
