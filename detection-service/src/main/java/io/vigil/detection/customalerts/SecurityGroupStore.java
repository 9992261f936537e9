package io.vigil.detection.customalerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vigil.contracts.twins.SecurityGroupNotice;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Device security groups, their audit trail and the devices' memberships in PostgreSQL. */
@ApplicationScoped
public class SecurityGroupStore {

    private static final String SAVE = "INSERT INTO detection.device_security_group (hub, name, rules, updated_by) VALUES ($1, $2, $3::text::jsonb, $4)"
            + " ON CONFLICT (hub, name) DO UPDATE SET rules = excluded.rules, updated_by = excluded.updated_by, updated_at = now()";
    private static final String AUDIT = "INSERT INTO detection.security_group_change (hub, name, actor, action, rules) VALUES ($1, $2, $3, $4, $5::text::jsonb)";
    private static final String FIND = "SELECT rules::text AS rules FROM detection.device_security_group WHERE hub = $1 AND name = $2";
    private static final String LIST = "SELECT rules::text AS rules FROM detection.device_security_group WHERE hub = $1 ORDER BY name";
    // Groups with an enabled time-window rule, for the scan of closed windows; when each was last saved.
    private static final String WITH_WINDOW_RULES = "SELECT hub, rules::text AS rules, updated_at FROM detection.device_security_group"
            + " WHERE rules->'timeWindowRules' @> '[{\"isEnabled\": true}]'::jsonb ORDER BY hub, name";
    private static final String DELETE = "DELETE FROM detection.device_security_group WHERE hub = $1 AND name = $2";
    private static final String JOIN = "INSERT INTO detection.security_group_member (hub, device_id, security_group, twin_version, changed_at)"
            + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (hub, device_id) DO UPDATE SET security_group = excluded.security_group,"
            + " twin_version = excluded.twin_version, changed_at = excluded.changed_at"
            + " WHERE detection.security_group_member.twin_version < excluded.twin_version";
    // The hub name is the 9th '/'-part of the resource id: /subscriptions/s/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/<name>.
    private static final String FORGET = "DELETE FROM detection.security_group_member WHERE device_id = $1 AND lower(split_part(hub, '/', 9)) = lower($2)";
    // Each device of the batch with the rules of its group: its announced one, else the default group.
    private static final String GROUPS_OF = "SELECT d.hub, d.device_id, g.rules::text AS rules"
            + " FROM unnest($1::text[], $2::text[]) AS d(hub, device_id)"
            + " LEFT JOIN detection.security_group_member m ON m.hub = d.hub AND m.device_id = d.device_id"
            + " JOIN detection.device_security_group g ON g.hub = d.hub AND g.name = coalesce(m.security_group, '"
            + DeviceSecurityGroup.DEFAULT_GROUP + "')";

    private final Pool pool;
    private final ObjectMapper mapper;

    SecurityGroupStore(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Future<DeviceSecurityGroup> save(DeviceSecurityGroup group, String actor) {
        String rules = group.toJson().toString();
        return pool.withTransaction(connection -> connection.preparedQuery(SAVE).execute(Tuple.of(group.hub(), group.name(), rules, actor))
                .compose(v -> connection.preparedQuery(AUDIT).execute(Tuple.of(group.hub(), group.name(), actor, "saved", rules)))
                .map(group));
    }

    public Future<Optional<DeviceSecurityGroup>> find(String hub, String name) {
        return pool.preparedQuery(FIND).execute(Tuple.of(hub, name))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(hub, rows.iterator().next())));
    }

    public Future<List<DeviceSecurityGroup>> list(String hub) {
        return pool.preparedQuery(LIST).execute(Tuple.of(hub)).map(rows -> {
            List<DeviceSecurityGroup> groups = new ArrayList<>();
            rows.forEach(row -> groups.add(read(hub, row)));
            return groups;
        });
    }

    public Future<Boolean> delete(String hub, String name, String actor) {
        return pool.withTransaction(connection -> connection.preparedQuery(DELETE).execute(Tuple.of(hub, name))
                .compose(deleted -> deleted.rowCount() == 0 ? Future.succeededFuture(false)
                        : connection.preparedQuery(AUDIT).execute(Tuple.of(hub, name, actor, "deleted", null)).map(true)));
    }

    /** A group as stored, with the time of its last save (a time-window rule watched no window before it). */
    public record Saved(DeviceSecurityGroup group, Instant savedAt) {
    }

    /** Every group of every hub that has an enabled time-window rule. */
    public Future<List<Saved>> withTimeWindowRules() {
        return pool.query(WITH_WINDOW_RULES).execute().map(rows -> {
            List<Saved> groups = new ArrayList<>();
            rows.forEach(row -> groups.add(new Saved(read(row.getString("hub"), row), row.getOffsetDateTime("updated_at").toInstant())));
            return groups;
        });
    }

    /** Records a membership unless a later twin version is already known. */
    public Future<Void> join(SqlClient client, SecurityGroupNotice notice) {
        return client.preparedQuery(JOIN).execute(Tuple.of(notice.hub(), notice.deviceId(), notice.securityGroup(),
                notice.twinVersion(), notice.changedAt().atOffset(ZoneOffset.UTC))).mapEmpty();
    }

    /** Forgets a deleted device's membership, so that the same id created again starts over at twin version 1. */
    public Future<Void> forget(SqlClient client, String hubName, String deviceId) {
        return client.preparedQuery(FORGET).execute(Tuple.of(deviceId, hubName)).mapEmpty();
    }

    /** The group of each device that has one with rules, keyed by {@link #key}. */
    public Future<Map<String, DeviceSecurityGroup>> groupsOf(SqlClient client, List<String> hubs, List<String> deviceIds) {
        return client.preparedQuery(GROUPS_OF).execute(Tuple.tuple(List.of(hubs.toArray(String[]::new), deviceIds.toArray(String[]::new))))
                .map(rows -> {
                    Map<String, DeviceSecurityGroup> groups = new HashMap<>();
                    rows.forEach(row -> groups.put(key(row.getString("hub"), row.getString("device_id")), read(row.getString("hub"), row)));
                    return groups;
                });
    }

    public static String key(String hub, String deviceId) {
        return hub + "\n" + deviceId;
    }

    private DeviceSecurityGroup read(String hub, Row row) {
        try {
            JsonNode rules = mapper.readTree(row.getString("rules"));
            return DeviceSecurityGroup.parse(hub, rules.path("name").asText(), rules);
        } catch (IOException e) {
            throw new IllegalStateException("a stored security group is not JSON", e);
        }
    }
}
