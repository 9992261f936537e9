package io.vigil.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("unchecked")
class PoliciesTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theOverlaysBreakNoRule(String overlay) {
        assertThat(Policies.check(Manifests.overlay(overlay))).isEmpty();
    }

    @Test
    void aContainerWithoutProbesIsReported() {
        List<Map<String, Object>> objects = Manifests.overlay("dev");
        Map<String, Object> broker = Manifests.get(objects, "StatefulSet", "broker");
        Manifests.container(broker, "hivemq").remove("readinessProbe");
        Manifests.container(Manifests.get(objects, "Deployment", "twin-service"), "twin-service").remove("livenessProbe");
        assertThat(Policies.probes(objects)).containsExactlyInAnyOrder(
                "StatefulSet/broker container hivemq has no readinessProbe",
                "Deployment/twin-service container twin-service has no livenessProbe");
    }

    @Test
    void aContainerThatMayRunAsRootIsReported() {
        List<Map<String, Object>> objects = Manifests.overlay("dev");
        // Without runAsNonRoot on the container the pod's setting decides; without either, root is possible.
        Map<String, Object> query = Manifests.get(objects, "Deployment", "query-service");
        ((Map<String, Object>) Manifests.container(query, "query-service").get("securityContext")).remove("runAsNonRoot");
        assertThat(Policies.nonRoot(objects)).isEmpty();
        ((Map<String, Object>) Manifests.podSpec(query).get("securityContext")).remove("runAsNonRoot");
        assertThat(Policies.nonRoot(objects)).containsExactly("Deployment/query-service container query-service may run as root");

        List<Map<String, Object>> rootUser = Manifests.overlay("dev");
        Map<String, Object> ingest = Manifests.get(rootUser, "Deployment", "ingest-service");
        ((Map<String, Object>) Manifests.containers(ingest, true).get(0).get("securityContext")).put("runAsUser", 0);
        assertThat(Policies.nonRoot(rootUser)).containsExactly("Deployment/ingest-service container wait-for-postgres may run as root");
    }

    @Test
    void aContainerWithoutLimitsIsReported() {
        List<Map<String, Object>> objects = Manifests.overlay("prod");
        Map<String, Object> postgres = Manifests.get(objects, "StatefulSet", "postgres");
        ((Map<String, Object>) Manifests.at(Manifests.container(postgres, "postgres"), "resources", "limits")).remove("memory");
        Map<String, Object> detection = Manifests.get(objects, "Deployment", "detection-service");
        ((Map<String, Object>) Manifests.containers(detection, true).get(0)).remove("resources");
        assertThat(Policies.limits(objects)).containsExactlyInAnyOrder(
                "StatefulSet/postgres container postgres has no memory limit",
                "Deployment/detection-service container wait-for-postgres has no cpu limit",
                "Deployment/detection-service container wait-for-postgres has no memory limit");
    }

    @Test
    void aSecretWithValuesIsReported() {
        List<Map<String, Object>> objects = new ArrayList<>(Manifests.overlay("dev"));
        objects.add(secret("empty", null, null));
        assertThat(Policies.secretValues(objects)).isEmpty();
        objects.add(secret("vigil-database", Map.of("password", "c2VjcmV0"), null));
        objects.add(secret("vigil-jwt", null, Map.of("publicKey.pem", "-----BEGIN PUBLIC KEY-----")));
        assertThat(Policies.secretValues(objects)).containsExactly(
                "Secret/vigil-database holds values in data", "Secret/vigil-jwt holds values in stringData");
    }

    @Test
    void aWorkloadWithoutANetworkPolicyOfItsOwnIsReported() {
        List<Map<String, Object>> objects = new ArrayList<>(Manifests.overlay("dev"));
        objects.removeIf(o -> Manifests.describe(o).equals("NetworkPolicy/query-service"));
        // The namespace-wide policies (empty podSelector) select every pod, but they are not a policy of its own.
        assertThat(objects).anyMatch(o -> Manifests.describe(o).equals("NetworkPolicy/default-deny-all"));
        assertThat(Policies.networkPolicies(objects)).containsExactly("Deployment/query-service is selected by no NetworkPolicy of its own");

        List<Map<String, Object>> relabelled = Manifests.overlay("dev");
        Manifests.podLabels(Manifests.get(relabelled, "StatefulSet", "broker")).put("app.kubernetes.io/name", "mqtt");
        assertThat(Policies.networkPolicies(relabelled)).containsExactly("StatefulSet/broker is selected by no NetworkPolicy of its own");
    }

    private static Map<String, Object> secret(String name, Map<String, Object> data, Map<String, Object> stringData) {
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("apiVersion", "v1");
        secret.put("kind", "Secret");
        secret.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
        if (data != null) {
            secret.put("data", data);
        }
        if (stringData != null) {
            secret.put("stringData", stringData);
        }
        return secret;
    }
}
