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
 * Evaluates the rules of each device's security group on a batch: the allow-list rules on its observations (a
 * process, a signed-in local user or an outbound connection's address that the group's list does not hold raises
 * {@code IoT_CA_<ruleType>}), and the time-window rules on its activities, counted per window ({@link ActivityCounter};
 * too few in a window is the scan's to find, {@link TimeWindowScan}). One look-up of the devices' groups serves both.
 */
@ApplicationScoped
public class CustomAlertRules {

    private static final Set<String> WATCHED_EVENTS = Set.of("ProcessCreate", "Login", "ConnectionCreate");

    private final SecurityGroupStore groups;
    private final ActivityCounter counter;

    CustomAlertRules(SecurityGroupStore groups, ActivityCounter counter) {
        this.groups = groups;
        this.counter = counter;
    }

    /**
     * @param observations the batch's new observations (never one seen before: the counts must not grow twice)
     * @param activities   what else the time-window rules count, e.g. the batch's new device-to-cloud messages
     */
    public Future<List<AlertHit>> evaluate(SqlClient client, List<Observation> observations, List<Activity> activities) {
        List<Observation> watched = observations.stream().filter(o -> WATCHED_EVENTS.contains(o.eventName())).toList();
        List<Activity> counted = new ArrayList<>(activities);
        for (Observation observation : watched) {
            for (TimeWindowRuleType type : TimeWindowRuleType.values()) {
                long count = type.count(observation);
                if (count > 0) {
                    counted.add(new Activity(observation.hub(), observation.deviceId(), type, observation.time(), count));
                }
            }
        }
        if (watched.isEmpty() && counted.isEmpty()) {
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
        for (Activity activity : counted) {
            if (devices.add(SecurityGroupStore.key(activity.hub(), activity.deviceId()))) {
                hubs.add(activity.hub());
                deviceIds.add(activity.deviceId());
            }
        }
        return groups.groupsOf(client, hubs, deviceIds).compose(byDevice -> counter.count(client, counted, byDevice).map(above -> {
            List<AlertHit> hits = new ArrayList<>(hits(watched, byDevice));
            hits.addAll(above);
            return hits;
        }));
    }

    /** Counts activities that come without observations (the hub's events) for the time-window rules. */
    public Future<List<AlertHit>> count(SqlClient client, List<Activity> activities) {
        return evaluate(client, List.of(), activities);
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
