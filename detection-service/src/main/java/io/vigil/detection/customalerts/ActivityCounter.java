package io.vigil.detection.customalerts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vigil.detection.AlertHit;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds a batch's activities to the window counts of the devices whose security group has an evaluated rule for them,
 * in one statement, and raises "above the maximum" for each window whose count passed the rule's maximum, once per
 * window: the row lock of the upsert orders concurrent batches of every replica, and the first batch that sees the
 * count above the maximum marks the window.
 */
@ApplicationScoped
public class ActivityCounter {

    private static final String ADD = """
            INSERT INTO detection.activity_window AS w (hub, device_id, rule_type, window_seconds, window_start, count)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::timestamptz[], $6::bigint[])
            ON CONFLICT (hub, device_id, rule_type, window_seconds, window_start) DO UPDATE SET count = w.count + excluded.count
            RETURNING hub, device_id, rule_type, window_seconds, window_start, count, above_raised_at IS NOT NULL AS raised
            """;
    private static final String MARK_ABOVE = """
            UPDATE detection.activity_window AS w SET above_raised_at = now()
            FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::timestamptz[]) AS c(hub, device_id, rule_type, window_seconds, window_start)
            WHERE w.hub = c.hub AND w.device_id = c.device_id AND w.rule_type = c.rule_type AND w.window_seconds = c.window_seconds
                AND w.window_start = c.window_start AND w.above_raised_at IS NULL
            RETURNING w.hub, w.device_id, w.rule_type, w.window_seconds, w.window_start, w.count
            """;

    /**
     * Counts the activities; {@code byDevice} holds each device's group ({@link SecurityGroupStore#groupsOf}). Call it
     * only with activities not counted before (the feed's processed-event ids filter redeliveries).
     */
    public Future<List<AlertHit>> count(SqlClient client, List<Activity> activities, Map<String, DeviceSecurityGroup> byDevice) {
        Map<String, Tally> tallies = tally(activities, byDevice);
        if (tallies.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        // In key order, so that two replicas' batches lock the same rows in the same order and cannot deadlock.
        List<Tally> all = tallies.values().stream().sorted(java.util.Comparator.comparing(Tally::key)).toList();
        return client.preparedQuery(ADD).execute(arrays(all, true)).compose(rows -> {
            List<Tally> above = new ArrayList<>();
            for (Row row : rows) {
                Tally tally = tallies.get(key(row));
                if (tally != null && !row.getBoolean("raised") && row.getLong("count") > tally.rule().maxThreshold()) {
                    above.add(tally);
                }
            }
            if (above.isEmpty()) {
                return Future.succeededFuture(List.<AlertHit>of());
            }
            return client.preparedQuery(MARK_ABOVE).execute(arrays(above, false)).map(marked -> {
                List<AlertHit> hits = new ArrayList<>();
                for (Row row : marked) {
                    Tally tally = tallies.get(key(row));
                    hits.add(WindowAlerts.hit(tally.hub(), tally.deviceId(), tally.group(), tally.rule(), tally.window(),
                            row.getLong("count"), tally.latest()));
                }
                return hits;
            });
        });
    }

    /** The activities summed per device, rule and window; those of devices whose group does not count them are dropped. */
    static Map<String, Tally> tally(List<Activity> activities, Map<String, DeviceSecurityGroup> byDevice) {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (Activity activity : activities) {
            DeviceSecurityGroup group = byDevice.get(SecurityGroupStore.key(activity.hub(), activity.deviceId()));
            if (group == null || activity.count() <= 0) {
                continue;
            }
            group.timeWindowRule(activity.type()).ifPresent(rule -> {
                ActivityWindow window = ActivityWindow.of(activity.at(), rule.windowSize());
                Tally tally = new Tally(activity.hub(), activity.deviceId(), group.name(), rule, window, activity.count(), activity.at());
                tallies.merge(tally.key(), tally, Tally::plus);
            });
        }
        return tallies;
    }

    private static Tuple arrays(List<Tally> tallies, boolean withCounts) {
        List<Object> columns = new ArrayList<>();
        columns.add(tallies.stream().map(Tally::hub).toArray(String[]::new));
        columns.add(tallies.stream().map(Tally::deviceId).toArray(String[]::new));
        columns.add(tallies.stream().map(t -> t.rule().type().ruleType()).toArray(String[]::new));
        columns.add(tallies.stream().map(t -> (int) t.window().size().getSeconds()).toArray(Integer[]::new));
        columns.add(tallies.stream().map(t -> t.window().start().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new));
        if (withCounts) {
            columns.add(tallies.stream().map(Tally::count).toArray(Long[]::new));
        }
        return Tuple.tuple(columns);
    }

    private static String key(Row row) {
        return key(row.getString("hub"), row.getString("device_id"), row.getString("rule_type"), row.getInteger("window_seconds"),
                row.getOffsetDateTime("window_start").toInstant());
    }

    private static String key(String hub, String deviceId, String ruleType, long windowSeconds, Instant windowStart) {
        return hub + "\n" + deviceId + "\n" + ruleType + "\n" + windowSeconds + "\n" + windowStart.getEpochSecond();
    }

    /** One device's activities of one rule in one window, and when the latest of them happened. */
    record Tally(String hub, String deviceId, String group, TimeWindowRule rule, ActivityWindow window, long count, Instant latest) {

        String key() {
            return ActivityCounter.key(hub, deviceId, rule.type().ruleType(), window.size().getSeconds(), window.start());
        }

        Tally plus(Tally other) {
            return new Tally(hub, deviceId, group, rule, window, count + other.count,
                    latest.isAfter(other.latest) ? latest : other.latest);
        }
    }
}
