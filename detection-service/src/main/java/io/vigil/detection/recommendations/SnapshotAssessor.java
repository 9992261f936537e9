package io.vigil.detection.recommendations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.detection.Observation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a periodic snapshot (every item of one ListeningPorts, FirewallConfiguration or OSBaseline event) and says,
 * for each recommendation that snapshot type decides, whether the problem is there now. A snapshot is the whole
 * truth for its type: a recommendation it no longer supports is resolved.
 */
public final class SnapshotAssessor {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SnapshotAssessor() {
    }

    /** The snapshot event names this assessor understands. */
    public static boolean isSnapshot(String eventName) {
        return eventName.equals("ListeningPorts") || eventName.equals("FirewallConfiguration") || eventName.equals("OSBaseline");
    }

    public static List<Assessment> assess(String eventName, List<Observation> items) {
        return switch (eventName) {
            case "ListeningPorts" -> List.of(openPorts(items));
            case "FirewallConfiguration" -> firewall(items);
            case "OSBaseline" -> List.of(baseline(items));
            default -> List.of();
        };
    }

    private static Assessment openPorts(List<Observation> items) {
        List<String> endpoints = new ArrayList<>();
        for (Observation item : items) {
            String address = item.text("LocalAddress");
            if (isLoopback(address)) {
                continue;
            }
            String endpoint = (address.isEmpty() ? "0.0.0.0" : address) + ":" + item.text("LocalPort");
            if (!endpoints.contains(endpoint)) {
                endpoints.add(endpoint);
            }
        }
        ObjectNode details = JSON.objectNode();
        details.put("Endpoints", json(endpoints));
        return new Assessment(RecommendationType.OPEN_PORTS, !endpoints.isEmpty(), details);
    }

    /**
     * A chain's policy is its last rule when that rule matches everything (how the agents report the default
     * action); other Allow rules that accept any remote address are permissive rules.
     */
    private static List<Assessment> firewall(List<Observation> items) {
        Map<String, List<Observation>> chains = new LinkedHashMap<>();
        for (Observation item : items) {
            if (item.item().has("Enabled") && !item.item().get("Enabled").asBoolean(true)) {
                continue;
            }
            chains.computeIfAbsent(chainOf(item), c -> new ArrayList<>()).add(item);
        }
        List<String> permissivePolicies = new ArrayList<>();
        List<ObjectNode> permissiveInput = new ArrayList<>();
        List<ObjectNode> permissiveOutput = new ArrayList<>();
        chains.forEach((chain, rules) -> {
            for (int i = 0; i < rules.size(); i++) {
                Observation rule = rules.get(i);
                boolean allow = rule.text("Action").equalsIgnoreCase("Allow");
                boolean matchesAll = isAny(rule.text("SourceAddress")) && isAny(rule.text("DestinationAddress"))
                        && isAny(rule.text("SourcePort")) && isAny(rule.text("DestinationPort"));
                if (i == rules.size() - 1 && matchesAll) {
                    if (allow && (chain.equals("INPUT") || chain.equals("OUTPUT"))) {
                        permissivePolicies.add(chain);
                    }
                    continue;
                }
                String remote = chain.equals("OUTPUT") ? rule.text("DestinationAddress") : rule.text("SourceAddress");
                if (allow && isAny(remote) && !isLoopbackRule(rule)) {
                    ObjectNode pattern = JSON.objectNode();
                    pattern.put("SourceAddress", rule.text("SourceAddress"));
                    pattern.put("SourcePort", rule.text("SourcePort"));
                    pattern.put("DestinationAddress", rule.text("DestinationAddress"));
                    pattern.put("DestinationPort", rule.text("DestinationPort"));
                    (chain.equals("OUTPUT") ? permissiveOutput : permissiveInput).add(pattern);
                }
            }
        });
        ObjectNode policy = JSON.objectNode();
        policy.put("Chains", json(permissivePolicies));
        return List.of(new Assessment(RecommendationType.PERMISSIVE_FIREWALL_POLICY, !permissivePolicies.isEmpty(), policy),
                rules(RecommendationType.PERMISSIVE_INPUT_RULES, permissiveInput),
                rules(RecommendationType.PERMISSIVE_OUTPUT_RULES, permissiveOutput));
    }

    private static Assessment rules(RecommendationType type, List<ObjectNode> patterns) {
        ArrayNode array = JSON.arrayNode();
        patterns.forEach(array::add);
        ObjectNode details = JSON.objectNode();
        details.put("Rules", array.toString());
        return new Assessment(type, !patterns.isEmpty(), details);
    }

    private static Assessment baseline(List<Observation> items) {
        int failed = 0;
        int errors = 0;
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (Observation item : items) {
            String result = item.text("Result");
            if (result.equalsIgnoreCase("Fail")) {
                failed++;
                bySeverity.merge(item.text("Severity"), 1, Integer::sum);
            } else if (result.equalsIgnoreCase("Err") || result.equalsIgnoreCase("Error")) {
                errors++;
            }
        }
        ObjectNode details = JSON.objectNode();
        details.put("TotalFailedRules", String.valueOf(failed));
        details.put("TotalRulesFailedDuoToError", String.valueOf(errors));
        details.put("TotalCriticalFailedRules", String.valueOf(bySeverity.getOrDefault("Critical", 0)));
        details.put("TotalWarningFailedRules", String.valueOf(bySeverity.getOrDefault("Warning", 0)));
        details.put("TotalInformationalFailedRules", String.valueOf(bySeverity.getOrDefault("Informational", 0)));
        return new Assessment(RecommendationType.OS_BASELINE, failed + errors > 0, details);
    }

    private static String chainOf(Observation rule) {
        String chain = rule.text("ChainName").toUpperCase(Locale.ROOT);
        if (!chain.isEmpty()) {
            return chain;
        }
        return rule.text("Direction").equalsIgnoreCase("Out") ? "OUTPUT" : "INPUT";
    }

    private static boolean isAny(String value) {
        String v = value.trim();
        return v.isEmpty() || v.equals("*") || v.equals("0.0.0.0/0") || v.equals("::/0") || v.equalsIgnoreCase("any");
    }

    /** Rules such as "accept everything on lo" are how a loopback interface works, not an exposure. */
    private static boolean isLoopbackRule(Observation rule) {
        String extra = rule.item().path("ExtraDetails").toString().toLowerCase(Locale.ROOT);
        return extra.contains("\"lo\"") || isLoopback(rule.text("SourceAddress")) || isLoopback(rule.text("DestinationAddress"));
    }

    private static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.equalsIgnoreCase("localhost");
    }

    private static String json(List<String> values) {
        ArrayNode array = JSON.arrayNode();
        values.forEach(array::add);
        return array.toString();
    }
}
