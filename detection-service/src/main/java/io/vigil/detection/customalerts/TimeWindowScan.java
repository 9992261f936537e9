package io.vigil.detection.customalerts;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vigil.platform.rest.Unis;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vigil.contracts.findings.AlertNotice;
import io.vigil.detection.AlertHit;
import io.vigil.detection.alerts.AlertStore;
import io.vigil.detection.config.DetectionConfig;
import io.vigil.detection.findings.FindingPublisher;
import io.vigil.platform.broker.BrokerConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Raises "below the minimum" for the time-window rules: once a window has ended and its grace has passed, every
 * device of the group that detection knows of (it sent a message before the window ended) and that had fewer
 * activities than the minimum, none at all included, gets the rule's alert. Runs on every replica; the insert of a
 * row per group, rule and window claims the window, so exactly one replica checks it (a second one waits for the
 * first's transaction and then finds the row), and a failed check rolls its claim back for the next scan.
 */
@ApplicationScoped
public class TimeWindowScan {

    private static final Logger LOG = Logger.getLogger(TimeWindowScan.class);
    private static final String PRUNE_COUNTS = "DELETE FROM detection.activity_window WHERE window_start < $1";
    private static final String PRUNE_SCANS = "DELETE FROM detection.activity_window_scan WHERE window_start < $1";
    private static final String SCANNED = """
            SELECT window_start FROM detection.activity_window_scan
            WHERE hub = $1 AND security_group = $2 AND rule_type = $3 AND window_seconds = $4 AND window_start >= $5
            """;
    private static final String CLAIM = """
            INSERT INTO detection.activity_window_scan (hub, security_group, rule_type, window_seconds, window_start)
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING window_start
            """;
    // The group's devices: named by their twin, or in the default group when their twin names none.
    private static final String BELOW = """
            SELECT d.device_id, coalesce(w.count, 0) AS count
            FROM detection.device d
            LEFT JOIN detection.security_group_member m ON m.hub = d.hub AND m.device_id = d.device_id
            LEFT JOIN detection.activity_window w ON w.hub = d.hub AND w.device_id = d.device_id AND w.rule_type = $3
                AND w.window_seconds = $4 AND w.window_start = $5
            WHERE d.hub = $1 AND coalesce(m.security_group, '%s') = $2 AND d.first_seen < $6 AND coalesce(w.count, 0) < $7
            ORDER BY d.device_id
            """.formatted(DeviceSecurityGroup.DEFAULT_GROUP);

    private final Pool pool;
    private final SecurityGroupStore groups;
    private final AlertStore alerts;
    private final FindingPublisher publisher;
    private final BrokerConnection broker;
    private final DetectionConfig.CustomAlerts config;

    TimeWindowScan(Pool pool, SecurityGroupStore groups, AlertStore alerts, FindingPublisher publisher, BrokerConnection broker,
                   DetectionConfig config) {
        this.pool = pool;
        this.groups = groups;
        this.alerts = alerts;
        this.publisher = publisher;
        this.broker = broker;
        this.config = config.customAlerts();
    }

    @Scheduled(every = "${vigil.detection.custom-alerts.scan-every:1m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        // A Uni, so that SKIP waits for the scan itself, not only for the call that starts it.
        return Unis.from(scan(Instant.now())).onFailure().invoke(error -> LOG.warnf("time-window scan failed: %s", error.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Checks every window closed by {@code now} that no replica has checked; the future holds how many alerts it raised. */
    public Future<Integer> scan(Instant now) {
        Instant keepFrom = now.minus(config.keep());
        return pool.preparedQuery(PRUNE_COUNTS).execute(Tuple.of(keepFrom.atOffset(ZoneOffset.UTC)))
                .compose(v -> pool.preparedQuery(PRUNE_SCANS).execute(Tuple.of(keepFrom.atOffset(ZoneOffset.UTC))))
                .compose(v -> groups.withTimeWindowRules())
                .compose(saved -> {
                    List<AlertNotice> notices = new ArrayList<>();
                    Future<Void> chain = Future.succeededFuture();
                    for (SecurityGroupStore.Saved group : saved) {
                        for (TimeWindowRule rule : group.group().evaluatedTimeWindowRules()) {
                            if (rule.hasMinimum()) {
                                chain = chain.compose(v -> scan(group, rule, now, notices));
                            }
                        }
                    }
                    return chain.compose(v -> publisher.publish(broker::publish, notices, List.of())).map(v -> notices.size());
                });
    }

    private Future<Void> scan(SecurityGroupStore.Saved saved, TimeWindowRule rule, Instant now, List<AlertNotice> notices) {
        List<ActivityWindow> windows = ActivityWindow.closed(rule.windowSize(), now, config.grace(), config.scanLookBack(), saved.savedAt());
        if (windows.isEmpty()) {
            return Future.succeededFuture();
        }
        DeviceSecurityGroup group = saved.group();
        int seconds = (int) rule.windowSize().getSeconds();
        return pool.preparedQuery(SCANNED).execute(Tuple.of(group.hub(), group.name(), rule.type().ruleType(), seconds,
                windows.get(0).start().atOffset(ZoneOffset.UTC))).compose(rows -> {
            Set<Instant> scanned = new HashSet<>();
            rows.forEach(row -> scanned.add(row.getOffsetDateTime("window_start").toInstant()));
            Future<Void> chain = Future.succeededFuture();
            for (ActivityWindow window : windows) {
                if (!scanned.contains(window.start())) {
                    chain = chain.compose(v -> check(group, rule, window, notices));
                }
            }
            return chain;
        });
    }

    /** Claims one window and raises its alerts in the same transaction. */
    private Future<Void> check(DeviceSecurityGroup group, TimeWindowRule rule, ActivityWindow window, List<AlertNotice> notices) {
        Tuple key = Tuple.of(group.hub(), group.name(), rule.type().ruleType(), (int) rule.windowSize().getSeconds(),
                window.start().atOffset(ZoneOffset.UTC));
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM).execute(key).compose(claimed -> {
            if (claimed.rowCount() == 0) {
                return Future.succeededFuture(List.<AlertNotice>of());
            }
            Tuple below = Tuple.of(group.hub(), group.name(), rule.type().ruleType(), (int) rule.windowSize().getSeconds(),
                    window.start().atOffset(ZoneOffset.UTC)).addValue(window.end().atOffset(ZoneOffset.UTC)).addValue(rule.minThreshold());
            return connection.preparedQuery(BELOW).execute(below).compose(rows -> {
                List<AlertHit> hits = new ArrayList<>();
                for (Row row : rows) {
                    hits.add(WindowAlerts.hit(group.hub(), row.getString("device_id"), group.name(), rule, window,
                            row.getLong("count"), window.end()));
                }
                return alerts.record(connection, hits);
            });
        })).map(recorded -> {
            notices.addAll(recorded);
            return null;
        });
    }
}
