package io.vigil.twin.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vigil.twin.http.IfMatch;
import io.vigil.twin.http.TwinApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Twin documents in PostgreSQL. Every change is one statement that also moves the twin's {@code version} and
 * {@code etag}, so concurrent writers never lose each other's changes.
 */
@ApplicationScoped
public class TwinStore {

    /** The changed document gets version + 1 and an etag derived from it. */
    private static final String BUMP = """
            jsonb_set(jsonb_set(%s, '{version}', to_jsonb(coalesce((document->>'version')::bigint, 0) + 1)),
                '{etag}', to_jsonb(encode(convert_to(md5(hub || device_id || module_id || generation_id || coalesce((document->>'version')::bigint, 0) + 1), 'UTF8'), 'base64')))
            """;
    private static final String REGISTER = """
            INSERT INTO twin.twin AS t (hub, device_id, module_id, document)
            SELECT hub, device_id, module_id, document::jsonb
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS seen(hub, device_id, module_id, document)
            ON CONFLICT (hub, device_id, module_id) DO UPDATE SET
                document = jsonb_set(t.document, '{lastActivityTime}', excluded.document->'lastActivityTime'),
                updated_at = now()
            WHERE (t.document->>'lastActivityTime')::timestamptz
                < (excluded.document->>'lastActivityTime')::timestamptz - $5::bigint * interval '1 millisecond'
            RETURNING hub, device_id, module_id, document->>'lastActivityTime' AS last_activity
            """;
    private static final String SET_TAG = "UPDATE twin.twin SET document = " + BUMP.formatted(
            "jsonb_set(jsonb_set(jsonb_set(document, '{tags}', coalesce(document->'tags', '{}'::jsonb)),"
                    + " ($4::text[])[1:2], coalesce(document #> ($4::text[])[1:2], '{}'::jsonb)), $4::text[], $5::text::jsonb)")
            + ", updated_at = now() WHERE hub = $1 AND device_id = $2 AND module_id = $3";
    private static final String REMOVE_TAG = "UPDATE twin.twin SET document = " + BUMP.formatted("document #- $4::text[]")
            + ", updated_at = now() WHERE hub = $1 AND device_id = $2 AND module_id = $3 AND document #> $4::text[] IS NOT NULL";

    /**
     * The SQL expression of a changed twin document with its version moved on and a new etag: every writer of twin
     * documents uses it, so versions and etags move the same way whoever writes.
     */
    public static String bumped(String changedDocument) {
        return BUMP.formatted(changedDocument);
    }

    private static final String FIND = "SELECT document::text AS document FROM twin.twin WHERE hub = $1 AND device_id = $2 AND module_id = $3";
    private static final String REPLACE_DOCUMENT = "UPDATE twin.twin SET document = " + BUMP.formatted("$4::text::jsonb")
            + ", updated_at = now() WHERE hub = $1 AND device_id = $2 AND module_id = $3 RETURNING document::text AS document";

    /**
     * Connection state is the broker's news, not a change of the twin's tags or properties: it moves neither version
     * nor etag, and an event older than the state it would replace (events can arrive out of order) is ignored.
     */
    private static final String CONNECTION_STATE = """
            UPDATE twin.twin SET document = jsonb_set(jsonb_set(document, '{connectionState}', to_jsonb($4::text)),
                    '{connectionStateUpdatedTime}', to_jsonb($5::text)), updated_at = now()
            WHERE hub = $1 AND device_id = $2 AND module_id = $3
              AND coalesce(document->>'connectionStateUpdatedTime', '') < $5
            """;

    /** A fixed-width time, so that stored times compare as text. */
    private static final java.time.format.DateTimeFormatter MILLIS_UTC =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private final Pool pool;
    private final ObjectMapper mapper;

    TwinStore(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** A twin to create unless it exists; an existing one only gets its lastActivityTime moved forward. */
    public record Registration(String hub, String deviceId, String moduleId, JsonNode document) {
    }

    /**
     * Creates the twins that do not exist yet and moves the others' {@code lastActivityTime} forward, but only
     * when it fell behind by more than {@code granularity}: each rewrite of a twin document re-indexes it, and a
     * device that talks every second would otherwise have its twins rewritten every second. Answers the
     * {@link #twinKey}s of the twins it created or moved, with the time they now hold.
     */
    public Future<Map<String, Instant>> register(SqlClient client, List<Registration> registrations, Duration granularity) {
        if (registrations.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        int n = registrations.size();
        String[] hub = new String[n];
        String[] device = new String[n];
        String[] module = new String[n];
        String[] document = new String[n];
        for (int i = 0; i < n; i++) {
            Registration r = registrations.get(i);
            hub[i] = r.hub();
            device[i] = r.deviceId();
            module[i] = r.moduleId();
            document[i] = r.document().toString();
        }
        return client.preparedQuery(REGISTER).execute(Tuple.of(hub, device, module, document, granularity.toMillis())).map(rows -> {
            Map<String, Instant> written = new HashMap<>();
            for (Row row : rows) {
                written.put(twinKey(row.getString("hub"), row.getString("device_id"), row.getString("module_id")),
                        Instant.parse(row.getString("last_activity")));
            }
            return written;
        });
    }

    /** One twin's identity as a single string: hub, device and module ({@code ""} for the device twin). */
    public static String twinKey(String hub, String deviceId, String moduleId) {
        return hub + "\n" + deviceId + "\n" + moduleId;
    }

    /** Sets {@code tags.<path...>} on a twin; false when the twin does not exist. */
    public Future<Boolean> setTag(SqlClient client, String hub, String deviceId, String moduleId, List<String> path, JsonNode value) {
        return client.preparedQuery(SET_TAG)
                .execute(Tuple.of(hub, deviceId, moduleId, tagPath(path), value.toString()))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Removes {@code tags.<path...>} from a twin, if it is there. */
    public Future<Void> removeTag(SqlClient client, String hub, String deviceId, String moduleId, List<String> path) {
        return client.preparedQuery(REMOVE_TAG).execute(Tuple.of(hub, deviceId, moduleId, tagPath(path))).mapEmpty();
    }

    public Future<Optional<JsonNode>> find(String hub, String deviceId, String moduleId) {
        return pool.preparedQuery(FIND)
                .execute(Tuple.of(hub, deviceId, moduleId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(parse(rows.iterator().next().getString("document"))));
    }

    /** Records that an identity connected ({@code Connected}) or went away ({@code Disconnected}) at a time. */
    public Future<Void> connectionState(String hub, String deviceId, String moduleId, String state, java.time.Instant at) {
        return pool.preparedQuery(CONNECTION_STATE).execute(Tuple.of(hub, deviceId, moduleId, state, MILLIS_UTC.format(at))).mapEmpty();
    }

    /**
     * Changes one twin document under a row lock: the change sees the current document and returns the next one
     * (throwing refuses the change), which is stored with a new version and etag and returned. The twin must exist
     * and its etag satisfy {@code ifMatch}.
     */
    public Future<JsonNode> change(String hub, String deviceId, String moduleId, IfMatch ifMatch, UnaryOperator<ObjectNode> change) {
        return pool.withTransaction(connection -> connection.preparedQuery(FIND + " FOR UPDATE").execute(Tuple.of(hub, deviceId, moduleId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(TwinApiException.notFound(deviceId, moduleId));
                    }
                    ObjectNode current = (ObjectNode) parse(rows.iterator().next().getString("document"));
                    String etag = current.path("etag").asText();
                    if (!ifMatch.matches(etag)) {
                        return Future.failedFuture(TwinApiException.preconditionFailed("the twin's etag is " + etag + ", not " + ifMatch.etag()));
                    }
                    ObjectNode next = change.apply(current);
                    return connection.preparedQuery(REPLACE_DOCUMENT).execute(Tuple.of(hub, deviceId, moduleId, next.toString()))
                            .map(updated -> parse(updated.iterator().next().getString("document")));
                }));
    }

    private JsonNode parse(String document) {
        try {
            return mapper.readTree(document);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a twin document in the database is not JSON", e);
        }
    }

    private static String[] tagPath(List<String> path) {
        String[] full = new String[path.size() + 1];
        full[0] = "tags";
        for (int i = 0; i < path.size(); i++) {
            full[i + 1] = path.get(i);
        }
        return full;
    }

}
