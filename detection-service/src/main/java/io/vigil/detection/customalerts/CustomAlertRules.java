package io.vigil.detection.customalerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vigil.detection.AlertHit;
import io.vigil.detection.Observation;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the allow-list rules of each device's security group on a batch's observations: a process, a signed-in
 * local user or an outbound connection's address that the group's list does not hold raises {@code IoT_CA_<ruleType>}.
 */
@ApplicationScoped
public class CustomAlertRules {

    private static final Set<String> WATCHED_EVENTS = Set.of("ProcessCreate", "Login", "ConnectionCreate");

    private final SecurityGroupStore groups;

    CustomAlertRules(SecurityGroupStore groups) {
        this.groups = groups;
    }

    public Future<List<AlertHit>> evaluate(SqlClient client, List<Observation> observations) {
        List<Observation> watched = observations.stream().filter(o -> WATCHED_EVENTS.contains(o.eventName())).toList();
        if (watched.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        Set<String> devices = new LinkedHashSet<>();
        List<String> hubs = new ArrayList<>();
        List<String> deviceIds = new ArrayList<>();
        for (Observation observation : watched) {
            if (devices.add(SecurityGroupStore.key(observation.hub(), observation.deviceId()))) {
                hubs.add(observation.hub());
                deviceIds.add(observation.deviceId());
            }
        }
        return groups.groupsOf(client, hubs, deviceIds).map(byDevice -> hits(watched, byDevice));
    }

    static List<AlertHit> hits(List<Observation> observations, Map<String, DeviceSecurityGroup> byDevice) {
        List<AlertHit> hits = new ArrayList<>();
        for (Observation observation : observations) {
            DeviceSecurityGroup group = byDevice.get(SecurityGroupStore.key(observation.hub(), observation.deviceId()));
            if (group == null) {
                continue;
            }
            for (DeviceSecurityGroup.AllowlistRule rule : group.enabledRules()) {
                if (rule.type().watches(observation) && !rule.allows(observation.text(rule.type().field()))) {
                    hits.add(hit(observation, group, rule.type()));
                }
            }
        }
        return hits;
    }

    private static AlertHit hit(Observation observation, DeviceSecurityGroup group, AllowlistRuleType type) {
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        evidence.put(type.evidenceName(), observation.text(type.field()));
        evidence.put("Security Group", group.name());
        evidence.put("Rule Type", type.ruleType());
        if (type == AllowlistRuleType.PROCESS_NOT_ALLOWED) {
            evidence.put("CommandLine", observation.text("CommandLine"));
        }
        ArrayNode entities = JsonNodeFactory.instance.arrayNode();
        entities.addObject().put("$id", "1").put("Type", type.entityType())
                .put(type.entityProperty(), observation.text(type.entityField()));
        return new AlertHit(observation.hub(), observation.deviceId(), new AlertHit.AlertDefinition(type.alertType(),
                type.displayName(), "Low", type.description(), List.of("Check whether the device's security group "
                + group.name() + " should allow this; if not, investigate the device.")), observation.time(), evidence, entities);
    }
}
