package io.vigil.twin.hubevents;

import io.vertx.core.Future;
import io.vigil.contracts.hubevents.HubEventNotice;
import io.vigil.twin.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * After an attempt to change a hub's settings (its CA certificates, its diagnostic settings): a hub-wide hub event
 * either way, and for a refused attempt its audit entry (a change that worked wrote its own, with the change). The
 * caller's answer stays what the attempt gave.
 */
@ApplicationScoped
public class HubChangeReporter {

    private final AuditTrail audit;
    private final HubEventPublisher events;

    HubChangeReporter(AuditTrail audit, HubEventPublisher events) {
        this.audit = audit;
        this.events = events;
    }

    /**
     * @param action        the audit trail's name of the change ({@code certificate.add}, ...)
     * @param succeededKind the hub event of a change that worked
     * @param failedKind    the hub event of an attempt that did not
     */
    public <T> Future<T> reported(Future<T> attempt, String hub, String actor, String target, String action, String succeededKind,
                                  String failedKind) {
        return attempt.compose(
                result -> events.publish(notice(hub, succeededKind, null, actor, target)).map(result),
                failure -> {
                    String reason = AuditTrail.reason(failure);
                    return audit.failed(hub, actor, action, target, reason)
                            .compose(v -> events.publish(notice(hub, failedKind, reason, actor, target)))
                            .transform(v -> Future.<T>failedFuture(failure));
                });
    }

    private static HubEventNotice notice(String hub, String kind, String reason, String actor, String target) {
        Instant now = Instant.now();
        return new HubEventNotice(HubEventNotice.CURRENT_VERSION, UUID.randomUUID().toString(), hub, "", "", kind, reason, null, 1,
                now, now, actor, target);
    }
}
