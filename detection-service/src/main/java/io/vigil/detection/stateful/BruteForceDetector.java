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
import java.util.List;

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

    private static final String RECORD = """
            INSERT INTO detection.login_attempt (hub, device_id, event_id, remote_address, at, succeeded)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
            """;
    private static final String FAILURES = """
            SELECT count(*) AS failures FROM detection.login_attempt
            WHERE hub = $1 AND device_id = $2 AND remote_address = $3 AND NOT succeeded AND at > $4 AND at <= $5
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
        for (Observation login : remoteLogins) {
            boolean success = login.text("Result").equalsIgnoreCase("Success");
            chain = chain.compose(v -> connection.preparedQuery(RECORD).execute(Tuple.of(login.hub(), login.deviceId(),
                            login.eventId(), login.text("RemoteAddress"), utc(login.time()), success)))
                    .compose(v -> countFailures(connection, login, success ? config.successLookBack() : config.window()))
                    .map(failures -> {
                        if (failures >= config.failures()) {
                            hits.add(new AlertHit(login.hub(), login.deviceId(), success ? SUCCEEDED : FAILED, login.time(),
                                    evidence(login, failures), Evidence.entities(login)));
                        }
                        return null;
                    });
        }
        return chain.map(v -> hits);
    }

    private Future<Long> countFailures(SqlConnection connection, Observation login, java.time.Duration lookBack) {
        return connection.preparedQuery(FAILURES)
                .execute(Tuple.of(login.hub(), login.deviceId(), login.text("RemoteAddress"),
                        utc(login.time().minus(lookBack)), utc(login.time())))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return row.getLong("failures");
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
