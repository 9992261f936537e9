package io.vigil.faults.check;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The twins agree with detection: each device's security module twin has a {@code tags.alerts.<type>} for exactly
 * the alert types active in detection's alert store, and a {@code tags.recommendations.<name>} for exactly the
 * active recommendations in SecurityRecommendation; and every device that sent a security message has that twin.
 */
public final class TwinAgreement {

    private static final String SECURITY_MODULE = "Microsoft.Security";

    private TwinAgreement() {
    }

    /** The disagreements, one line each; empty when the twins agree. */
    public static List<String> disagreements(Sql.Connector db) throws SQLException {
        Map<String, Set<String>> twinAlerts = new TreeMap<>();
        Map<String, Set<String>> twinRecommendations = new TreeMap<>();
        Sql.forEach(db, """
                SELECT device_id,
                       ARRAY(SELECT jsonb_object_keys(CASE WHEN jsonb_typeof(document #> '{tags,alerts}') = 'object'
                                                            THEN document #> '{tags,alerts}' ELSE '{}'::jsonb END)),
                       ARRAY(SELECT jsonb_object_keys(CASE WHEN jsonb_typeof(document #> '{tags,recommendations}') = 'object'
                                                            THEN document #> '{tags,recommendations}' ELSE '{}'::jsonb END))
                FROM twin.twin WHERE module_id = ?""", row -> {
            twinAlerts.put(row.getString(1), new TreeSet<>(List.of((String[]) row.getArray(2).getArray())));
            twinRecommendations.put(row.getString(1), new TreeSet<>(List.of((String[]) row.getArray(3).getArray())));
        }, SECURITY_MODULE);
        Map<String, Set<String>> activeAlerts = new TreeMap<>();
        Sql.forEach(db, "SELECT device_id, alert_type FROM detection.alert_state WHERE status = 'Active'",
                row -> activeAlerts.computeIfAbsent(row.getString(1), d -> new TreeSet<>()).add(row.getString(2)));
        Map<String, Set<String>> activeRecommendations = new TreeMap<>();
        Sql.forEach(db, "SELECT device_id, recommendation_name FROM workspace.security_recommendation"
                        + " WHERE recommendation_state = 'Active'",
                row -> activeRecommendations.computeIfAbsent(row.getString(1), d -> new TreeSet<>()).add(row.getString(2)));
        Set<String> senders = new TreeSet<>();
        Sql.forEach(db, "SELECT device_id FROM ingest.device_activity", row -> senders.add(row.getString(1)));

        List<String> problems = new ArrayList<>();
        for (String device : senders) {
            if (!twinAlerts.containsKey(device)) {
                problems.add(device + ": no " + SECURITY_MODULE + " module twin");
            }
        }
        compare("alerts", twinAlerts, activeAlerts, problems);
        compare("recommendations", twinRecommendations, activeRecommendations, problems);
        return problems;
    }

    private static void compare(String what, Map<String, Set<String>> twins, Map<String, Set<String>> store, List<String> problems) {
        Set<String> devices = new TreeSet<>(twins.keySet());
        devices.addAll(store.keySet());
        for (String device : devices) {
            Set<String> onTwin = twins.getOrDefault(device, Set.of());
            Set<String> inStore = store.getOrDefault(device, Set.of());
            if (!onTwin.equals(inStore)) {
                problems.add(device + ": twin tags." + what + " " + onTwin + ", store " + inStore);
            }
        }
    }
}
