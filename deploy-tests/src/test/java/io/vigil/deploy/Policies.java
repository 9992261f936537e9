package io.vigil.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The suite's rules for what may be deployed, beyond what the API server itself accepts. */
final class Policies {

    private Policies() {
    }

    /** Every violation of every rule, one line each. */
    static List<String> check(List<Map<String, Object>> objects) {
        List<String> violations = new ArrayList<>();
        violations.addAll(probes(objects));
        violations.addAll(nonRoot(objects));
        violations.addAll(limits(objects));
        violations.addAll(secretValues(objects));
        violations.addAll(networkPolicies(objects));
        return violations;
    }

    /** Every long-running container has a liveness and a readiness probe (init containers cannot have them). */
    static List<String> probes(List<Map<String, Object>> objects) {
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            for (Map<String, Object> container : Manifests.containers(object, false)) {
                for (String probe : List.of("livenessProbe", "readinessProbe")) {
                    if (!(container.get(probe) instanceof Map)) {
                        violations.add(Manifests.describe(object) + " container " + container.get("name") + " has no " + probe);
                    }
                }
            }
        }
        return violations;
    }

    /**
     * No container may run as root: runAsNonRoot must be true on the container or, failing that, on the pod, and
     * no runAsUser may be 0.
     */
    static List<String> nonRoot(List<Map<String, Object>> objects) {
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            if (!Manifests.hasPodTemplate(object)) {
                continue;
            }
            Object pod = Manifests.podSpec(object).get("securityContext");
            for (Map<String, Object> container : Manifests.containers(object, true)) {
                Object own = container.get("securityContext");
                Object nonRoot = first(Manifests.at(own, "runAsNonRoot"), Manifests.at(pod, "runAsNonRoot"));
                Object user = first(Manifests.at(own, "runAsUser"), Manifests.at(pod, "runAsUser"));
                if (!Boolean.TRUE.equals(nonRoot) || Objects.equals(user, 0)) {
                    violations.add(Manifests.describe(object) + " container " + container.get("name") + " may run as root");
                }
            }
        }
        return violations;
    }

    /** Every container, init containers included, has a CPU and a memory limit. */
    static List<String> limits(List<Map<String, Object>> objects) {
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            for (Map<String, Object> container : Manifests.containers(object, true)) {
                for (String resource : List.of("cpu", "memory")) {
                    if (Manifests.at(container, "resources", "limits", resource) == null) {
                        violations.add(Manifests.describe(object) + " container " + container.get("name") + " has no " + resource + " limit");
                    }
                }
            }
        }
        return violations;
    }

    /** Secret values are never kept with the manifests: a Secret object, if any, carries no data. */
    static List<String> secretValues(List<Map<String, Object>> objects) {
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            if (Manifests.kind(object).equals("Secret")) {
                for (String field : List.of("data", "stringData")) {
                    if (object.get(field) instanceof Map<?, ?> values && !values.isEmpty()) {
                        violations.add(Manifests.describe(object) + " holds values in " + field);
                    }
                }
            }
        }
        return violations;
    }

    /**
     * Every workload is selected by a NetworkPolicy of its own (one whose non-empty podSelector matches the pod's
     * labels), beside the namespace-wide default deny that selects every pod.
     */
    static List<String> networkPolicies(List<Map<String, Object>> objects) {
        List<Map<String, Object>> policies = objects.stream().filter(o -> Manifests.kind(o).equals("NetworkPolicy")).toList();
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            if (!Manifests.kind(object).equals("Deployment") && !Manifests.kind(object).equals("StatefulSet")) {
                continue;
            }
            Map<String, Object> labels = Manifests.podLabels(object);
            boolean selected = policies.stream().anyMatch(policy -> {
                Object matchLabels = Manifests.at(policy, "spec", "podSelector", "matchLabels");
                return matchLabels instanceof Map<?, ?> wanted && !wanted.isEmpty()
                        && wanted.entrySet().stream().allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
            });
            if (!selected) {
                violations.add(Manifests.describe(object) + " is selected by no NetworkPolicy of its own");
            }
        }
        return violations;
    }

    private static Object first(Object preferred, Object fallback) {
        return preferred != null ? preferred : fallback;
    }
}
