package io.vigil.faults.check;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every expected alert exists exactly once: one SystemAlertId per device and alert type in SecurityAlert (an alert
 * has several records, one per change, all with the same id). Any device and type with two ids is a duplicate,
 * expected or not.
 */
public final class AlertCheck {

    /** How many of the expected alerts exist exactly once, and what is wrong with the others. */
    public record Outcome(int expected, int found, List<String> missing, List<String> duplicated) {
    }

    private final Map<String, Long> alertIds = new HashMap<>();

    private AlertCheck() {
    }

    public static AlertCheck read(Sql.Connector db) throws SQLException {
        AlertCheck check = new AlertCheck();
        Sql.forEach(db, "SELECT device_id, alert_type, count(DISTINCT system_alert_id) FROM workspace.security_alert"
                + " GROUP BY device_id, alert_type", row -> check.alertIds.put(row.getString(1) + "/" + row.getString(2), row.getLong(3)));
        return check;
    }

    public Outcome against(Map<String, Set<String>> expectedByDevice) {
        int expected = 0;
        int found = 0;
        List<String> missing = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        for (var device : expectedByDevice.entrySet()) {
            for (String type : device.getValue()) {
                expected++;
                long ids = alertIds.getOrDefault(device.getKey() + "/" + type, 0L);
                if (ids == 1) {
                    found++;
                } else if (ids == 0) {
                    missing.add(device.getKey() + ": " + type);
                } else {
                    duplicated.add(device.getKey() + ": " + type + " (" + ids + " alerts)");
                }
            }
        }
        return new Outcome(expected, found, missing, duplicated);
    }

    /** Every device and type that has more than one alert, expected or not. */
    public List<String> duplicatesAnywhere() {
        return alertIds.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + " (" + e.getValue() + " alerts)").sorted().toList();
    }
}
