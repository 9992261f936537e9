package io.vigil.simulator.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Which scenario each device of a fleet runs. Device ids are {@code {prefix}-1} to {@code {prefix}-N}.
 * <p>
 * In mixed mode {@code round(N * attackFraction)} devices, picked at random with the run seed, run the suspicious
 * scenarios in turn (ssh-bruteforce, failed-bruteforce, local-login, ...); the rest are normal. The same seed
 * picks the same devices.
 */
public record FleetPlan(Map<String, Scenario> scenarioByDevice) {

    public FleetPlan {
        scenarioByDevice = Collections.unmodifiableMap(new LinkedHashMap<>(scenarioByDevice));
    }

    public static List<String> deviceIds(String prefix, int devices) {
        List<String> ids = new ArrayList<>(devices);
        for (int n = 1; n <= devices; n++) {
            ids.add(prefix + "-" + n);
        }
        return ids;
    }

    /** Every device runs the same scenario. */
    public static FleetPlan uniform(List<String> deviceIds, Scenario scenario) {
        Map<String, Scenario> plan = new LinkedHashMap<>();
        deviceIds.forEach(id -> plan.put(id, scenario));
        return new FleetPlan(plan);
    }

    /** Most devices normal, a fraction running the suspicious scenarios in turn. */
    public static FleetPlan mixed(List<String> deviceIds, double attackFraction, long seed) {
        if (attackFraction < 0 || attackFraction > 1) {
            throw new IllegalArgumentException("attack fraction must be between 0 and 1, got " + attackFraction);
        }
        int attackers = (int) Math.round(deviceIds.size() * attackFraction);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < deviceIds.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        List<Integer> attackerIndexes = new ArrayList<>(order.subList(0, attackers));
        // Hand the scenarios out in device order, so the plan reads naturally.
        Collections.sort(attackerIndexes);
        List<Scenario> suspicious = Scenarios.suspicious();
        Map<String, Scenario> plan = new LinkedHashMap<>();
        deviceIds.forEach(id -> plan.put(id, Scenarios.normal()));
        for (int i = 0; i < attackerIndexes.size(); i++) {
            plan.put(deviceIds.get(attackerIndexes.get(i)), suspicious.get(i % suspicious.size()));
        }
        return new FleetPlan(plan);
    }

    /** Devices that do not run {@code normal}, with their scenario names, in device order. */
    public Map<String, String> suspiciousDevices() {
        Map<String, String> result = new LinkedHashMap<>();
        scenarioByDevice.forEach((device, scenario) -> {
            if (scenario != Scenarios.normal()) {
                result.put(device, scenario.name());
            }
        });
        return result;
    }

    /** How many devices run each scenario. */
    public Map<String, Integer> countsByScenario() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        scenarioByDevice.values().forEach(s -> counts.merge(s.name(), 1, Integer::sum));
        return counts;
    }

    public int size() {
        return scenarioByDevice.size();
    }
}
