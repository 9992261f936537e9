package io.vigil.detection.stateful;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vigil.detection.AlertHit;
import io.vigil.detection.Evidence;
import io.vigil.detection.Observation;
import io.vigil.detection.config.DetectionConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SSH brute force from remote logins: {@code failures} failed logins from one address within {@code window} raise
 * IoT_Bruteforce_Fail; a successful login from an address with that many failures in the {@code successLookBack}
 * before it raises IoT_Bruteforce_Success. Attempts live in PostgreSQL, so every replica sees them all.
 */
@ApplicationScoped
public class BruteForceDetector {

    static final AlertHit.AlertDefinition FAILED = new AlertHit.AlertDefinition("IoT_Bruteforce_Fail",
            "Failed Bruteforce attempt", "Low", "Multiple unsuccessful login attempts identified from one address.",
            List.of("Block the source address if it is not expected.", "Use key-based authentication and disable password logins."));
    static final AlertHit.AlertDefinition SUCCEEDED = new AlertHit.AlertDefinition("IoT_Bruteforce_Success",
            "Brute force attack succeeded", "High", "Successful brute force attack detected on the device.",
            List.of("Lock the account that was logged in to and rotate its credentials.", "Investigate the device for changes made after the login."));

    private static final String LOCK = "SELECT pg_advisory_xact_lock(7311100, hashtext($1))";
    private static final String RECORD = """
            INSERT INTO detection.login_attempt (hub, device_id, event_id, remote_address, at, succeeded)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
            """;
    /** The busiest window of failures around the batch, and where it ends. */
    private static final String BURST = """
            SELECT failures, ending FROM (
                SELECT at AS ending, count(*) OVER (ORDER BY at RANGE BETWEEN make_interval(secs => $6) PRECEDING AND CURRENT ROW) AS failures
                FROM detection.login_attempt
                WHERE hub = $1 AND device_id = $2 AND remote_address = $3 AND NOT succeeded AND at BETWEEN $4 AND $5) windows
            ORDER BY failures DESC, ending DESC LIMIT 1
            """;
    /** Every success around the batch, with the failures from the same address in the look-back before it. */
    private static final String SUCCESSES = """
            SELECT s.at, (SELECT count(*) FROM detection.login_attempt f
                          WHERE f.hub = s.hub AND f.device_id = s.device_id AND f.remote_address = s.remote_address
                            AND NOT f.succeeded AND f.at >= s.at - make_interval(secs => $6) AND f.at < s.at) AS failures
            FROM detection.login_attempt s
            WHERE s.hub = $1 AND s.device_id = $2 AND s.remote_address = $3 AND s.succeeded AND s.at BETWEEN $4 AND $5
            """;

    private final DetectionConfig.BruteForce config;

    BruteForceDetector(DetectionConfig config) {
        this.config = config.bruteForce();
    }

    /** Records the remote logins among the observations and returns the attacks they complete. */
    public Future<List<AlertHit>> evaluate(SqlConnection connection, List<Observation> observations) {
        List<Observation> remoteLogins = observations.stream()
                .filter(o -> o.eventName().equals("Login") && isRemote(o.text("RemoteAddress")))
                .toList();
        List<AlertHit> hits = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        // One device's logins may arrive in messages that other replicas or lanes handle at the same moment; each
        // would count only its own uncommitted attempts. A per-device lock, taken in a fixed order so that two
        // batches cannot deadlock, makes the later transaction count the earlier one's attempts.
        for (String device : remoteLogins.stream().map(o -> o.hub() + "\n" + o.deviceId()).distinct().sorted().toList()) {
            chain = chain.compose(v -> connection.preparedQuery(LOCK).execute(Tuple.of(device)).mapEmpty());
        }
        for (Observation login : remoteLogins) {
            chain = chain.compose(v -> connection.preparedQuery(RECORD).execute(Tuple.of(login.hub(), login.deviceId(),
                    login.eventId(), login.text("RemoteAddress"), utc(login.time()),
                    login.text("Result").equalsIgnoreCase("Success"))).mapEmpty());
        }
        // Messages of one device can arrive out of order (several lanes, several replicas), so the windows are
        // judged over everything recorded around this batch's attempts, not only up to each attempt.
        Map<String, List<Observation>> bySource = new LinkedHashMap<>();
        remoteLogins.forEach(o -> bySource.computeIfAbsent(o.hub() + "\n" + o.deviceId() + "\n" + o.text("RemoteAddress"),
                k -> new ArrayList<>()).add(o));
        for (List<Observation> source : bySource.values()) {
            chain = chain.compose(v -> judge(connection, source, hits));
        }
        return chain.map(v -> hits);
    }

    private Future<Void> judge(SqlConnection connection, List<Observation> source, List<AlertHit> hits) {
        Observation first = source.stream().min(java.util.Comparator.comparing(Observation::time)).orElseThrow();
        Observation last = source.stream().max(java.util.Comparator.comparing(Observation::time)).orElseThrow();
        String hub = first.hub();
        String device = first.deviceId();
        String address = first.text("RemoteAddress");
        Instant from = first.time().minus(config.window()).minus(config.successLookBack());
        Instant to = last.time().plus(config.window()).plus(config.successLookBack());
        return connection.preparedQuery(BURST)
                .execute(Tuple.of(hub, device, address, utc(from), utc(to), config.window().toMillis() / 1000.0))
                .compose(rows -> {
                    Row burst = rows.size() == 0 ? null : rows.iterator().next();
                    Long failures = burst == null ? null : burst.getLong("failures");
                    if (failures != null && failures >= config.failures()) {
                        Observation evidence = source.stream().filter(o -> !o.text("Result").equalsIgnoreCase("Success"))
                                .reduce((a, b) -> b).orElse(last);
                        hits.add(new AlertHit(hub, device, FAILED, burst.getOffsetDateTime("ending").toInstant(),
                                evidence(evidence, failures), Evidence.entities(evidence)));
                    }
                    return connection.preparedQuery(SUCCESSES)
                            .execute(Tuple.of(hub, device, address, utc(from), utc(to), config.successLookBack().toMillis() / 1000.0));
                })
                .map(rows -> {
                    for (Row success : rows) {
                        long failures = success.getLong("failures");
                        if (failures >= config.failures()) {
                            Observation evidence = source.stream().filter(o -> o.text("Result").equalsIgnoreCase("Success"))
                                    .reduce((a, b) -> b).orElse(last);
                            hits.add(new AlertHit(hub, device, SUCCEEDED, success.getOffsetDateTime("at").toInstant(),
                                    evidence(evidence, failures), Evidence.entities(evidence)));
                        }
                    }
                    return null;
                });
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode evidence(Observation login, long failures) {
        var properties = Evidence.extendedProperties(login);
        properties.put("Full Source Address", "[\"" + login.text("RemoteAddress") + ":" + login.text("RemotePort") + "\"]");
        properties.put("User Names", "[\"" + login.text("UserName") + "\"]");
        properties.put("Failed Attempts", String.valueOf(failures));
        return properties;
    }

    static boolean isRemote(String address) {
        String a = address.trim();
        return !(a.isEmpty() || a.equals("?") || a.equals("-") || a.startsWith("127.") || a.equals("::1"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
