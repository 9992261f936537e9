package io.vigil.ingest.rejects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vigil.ingest.message.Rejection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rejects table: written with each batch, read and updated by the admin API. */
@ApplicationScoped
public class RejectStore {

    private static final String INSERT = """
            INSERT INTO ingest.rejected_message AS r (fingerprint, event_index, hub, device_id, module_id, topic,
                rule, path, reason, reasons, body, occurrences)
            SELECT fingerprint, event_index, hub, device_id, module_id, topic, rule, path, reason, reasons::jsonb, body, occurrences
            FROM unnest($1::bytea[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::text[], $10::text[], $11::bytea[], $12::int[])
                AS batch(fingerprint, event_index, hub, device_id, module_id, topic, rule, path, reason, reasons, body, occurrences)
            ON CONFLICT (fingerprint, event_index) DO UPDATE SET
                occurrences = r.occurrences + excluded.occurrences,
                last_received_at = now()
            """;

    private static final String COLUMNS = """
            id, received_at, last_received_at, occurrences, hub, device_id, module_id, topic, event_index, rule, path,
            reason, reasons::text AS reasons, octet_length(body) AS size, status, replay_count, replayed_at
            """;

    private static final TypeReference<List<Rejection>> REASONS = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper mapper;

    RejectStore(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** Stores rejects inside the caller's transaction; the same reject twice in one call counts twice. */
    public Future<Void> insert(SqlClient client, List<NewReject> rejects) {
        if (rejects.isEmpty()) {
            return Future.succeededFuture();
        }
        Map<String, NewReject> unique = new LinkedHashMap<>();
        Map<String, Integer> occurrences = new LinkedHashMap<>();
        for (NewReject reject : rejects) {
            String key = java.util.HexFormat.of().formatHex(reject.fingerprint()) + "#" + reject.eventIndex();
            unique.putIfAbsent(key, reject);
            occurrences.merge(key, 1, Integer::sum);
        }
        int n = unique.size();
        Buffer[] fingerprint = new Buffer[n];
        Integer[] eventIndex = new Integer[n];
        String[] hub = new String[n];
        String[] device = new String[n];
        String[] module = new String[n];
        String[] topic = new String[n];
        String[] rule = new String[n];
        String[] path = new String[n];
        String[] reason = new String[n];
        String[] reasons = new String[n];
        Buffer[] body = new Buffer[n];
        Integer[] count = new Integer[n];
        int i = 0;
        for (Map.Entry<String, NewReject> entry : unique.entrySet()) {
            NewReject reject = entry.getValue();
            Rejection first = reject.reasons().get(0);
            fingerprint[i] = Buffer.buffer(reject.fingerprint());
            eventIndex[i] = reject.eventIndex();
            hub[i] = reject.hub();
            device[i] = clean(reject.deviceId());
            module[i] = clean(reject.moduleId());
            topic[i] = clean(reject.topic());
            rule[i] = clean(first.rule());
            path[i] = clean(first.path());
            reason[i] = clean(first.message());
            reasons[i] = json(reject.reasons());
            body[i] = Buffer.buffer(reject.body());
            count[i] = occurrences.get(entry.getKey());
            i++;
        }
        Tuple arrays = Tuple.tuple().addValue(fingerprint).addValue(eventIndex).addValue(hub).addValue(device)
                .addValue(module).addValue(topic).addValue(rule).addValue(path).addValue(reason).addValue(reasons)
                .addValue(body).addValue(count);
        return client.preparedQuery(INSERT).execute(arrays).mapEmpty();
    }

    /** Newest first, after the given id when paging; optionally one device's or one rule's only; {@code hubs} null for every hub. */
    public Future<List<RejectedMessage>> list(int limit, Optional<Long> beforeId, Optional<String> deviceId,
                                              Optional<String> rule, String[] hubs) {
        String sql = "SELECT " + COLUMNS + " FROM ingest.rejected_message"
                + " WHERE ($1::bigint IS NULL OR id < $1) AND ($2::text IS NULL OR device_id = $2)"
                + " AND ($3::text IS NULL OR rule = $3) AND ($5::text[] IS NULL OR hub = ANY($5))"
                + " ORDER BY id DESC LIMIT $4";
        return pool.preparedQuery(sql)
                .execute(Tuple.of(beforeId.orElse(null), deviceId.orElse(null), rule.orElse(null), limit, hubs))
                .map(rows -> {
                    List<RejectedMessage> list = new ArrayList<>();
                    rows.forEach(row -> list.add(read(row)));
                    return list;
                });
    }

    public Future<Optional<RejectedMessage>> find(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ingest.rejected_message WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    /** The original topic and bytes, for a replay or a download. */
    public Future<Optional<StoredBody>> body(long id) {
        return pool.preparedQuery("SELECT topic, body FROM ingest.rejected_message WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new StoredBody(row.getString("topic"), row.getBuffer("body").getBytes()));
                });
    }

    /** Records the outcome of a replay: accepted now, or still refused with today's reasons. */
    public Future<Void> recordReplay(SqlClient client, long id, boolean accepted, List<Rejection> reasons) {
        if (accepted) {
            return client.preparedQuery("UPDATE ingest.rejected_message SET status = 'replayed', replayed_at = now(),"
                            + " replay_count = replay_count + 1 WHERE id = $1")
                    .execute(Tuple.of(id)).mapEmpty();
        }
        Rejection first = reasons.get(0);
        return client.preparedQuery("UPDATE ingest.rejected_message SET replayed_at = now(), replay_count = replay_count + 1,"
                        + " rule = $2, path = $3, reason = $4, reasons = $5::text::jsonb WHERE id = $1")
                .execute(Tuple.of(id, clean(first.rule()), clean(first.path()), clean(first.message()), json(reasons)))
                .mapEmpty();
    }

    public record StoredBody(String topic, byte[] body) {
    }

    private RejectedMessage read(Row row) {
        int eventIndex = row.getInteger("event_index");
        return new RejectedMessage(row.getLong("id"), instant(row.getOffsetDateTime("received_at")),
                instant(row.getOffsetDateTime("last_received_at")), row.getInteger("occurrences"), row.getString("hub"),
                row.getString("device_id"), row.getString("module_id"), row.getString("topic"),
                eventIndex == NewReject.WHOLE_MESSAGE ? null : eventIndex, row.getString("rule"), row.getString("path"),
                row.getString("reason"), reasons(row.getString("reasons")), row.getInteger("size"),
                row.getString("status"), row.getInteger("replay_count"), instant(row.getOffsetDateTime("replayed_at")));
    }

    private List<Rejection> reasons(String json) {
        try {
            return mapper.readValue(json, REASONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable reasons in the rejects table", e);
        }
    }

    private String json(List<Rejection> reasons) {
        try {
            return mapper.writeValueAsString(reasons);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reasons could not be written as JSON", e);
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** PostgreSQL text cannot hold NUL; a hostile topic or message must not make the reject itself fail. */
    private static String clean(String value) {
        return value == null ? null : value.replace('\u0000', '\uFFFD');
    }
}
