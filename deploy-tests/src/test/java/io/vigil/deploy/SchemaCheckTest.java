package io.vigil.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("unchecked")
class SchemaCheckTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyRenderedObjectIsAValidKubernetesObject(String overlay) {
        List<Map<String, Object>> objects = Manifests.overlay(overlay);
        assertThat(objects).hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        objects.forEach(object -> problems.addAll(SchemaCheck.validate(object)));
        assertThat(problems).isEmpty();
    }

    @Test
    void aMisspelledFieldIsReportedWithItsPlace() {
        Map<String, Object> deployment = ingestDeployment();
        Map<String, Object> container = Manifests.container(deployment, "ingest-service");
        container.put("livenesProbe", container.remove("livenessProbe"));
        // Both schemas know the field is not a container's: fabric8's model says where, the OpenAPI one in which type.
        assertThat(SchemaCheck.validate(deployment)).containsExactly(
                "Deployment/ingest-service.spec.template.spec.containers[0]: unknown field(s) [livenesProbe] in Container",
                "Deployment/ingest-service: The field `livenesProbe` in the JSON string is not defined in the `V1Container` properties.");
    }

    @Test
    void aMissingRequiredFieldIsReportedByTheOpenApiSchema() {
        Map<String, Object> deployment = ingestDeployment();
        Map<String, Object> port = ((List<Map<String, Object>>) Manifests.container(deployment, "ingest-service").get("ports")).get(0);
        port.remove("containerPort");
        assertThat(SchemaCheck.validate(deployment)).singleElement().asString()
                .contains("Deployment/ingest-service", "required field `containerPort`");

        Map<String, Object> policy = Manifests.get(Manifests.overlay("dev"), "NetworkPolicy", "broker");
        ((Map<String, Object>) policy.get("spec")).put("ingress", List.of(Map.of("ports", List.of(Map.of("protocl", "TCP")))));
        assertThat(SchemaCheck.validate(policy)).anySatisfy(p -> assertThat(p).contains("`protocl`", "V1NetworkPolicyPort"));
    }

    @Test
    void aValueOfTheWrongTypeIsReported() {
        Map<String, Object> deployment = ingestDeployment();
        ((Map<String, Object>) deployment.get("spec")).put("replicas", "two");
        assertThat(SchemaCheck.validate(deployment)).singleElement().asString().contains("Deployment/ingest-service");
    }

    @Test
    void anUnknownKindOrAMissingImageIsReported() {
        Map<String, Object> deployment = ingestDeployment();
        deployment.put("apiVersion", "apps/v1beta1");
        assertThat(SchemaCheck.validate(deployment)).singleElement().asString().contains("no schema for apps/v1beta1/Deployment");

        Map<String, Object> imageless = ingestDeployment();
        Manifests.container(imageless, "ingest-service").remove("image");
        assertThat(SchemaCheck.validate(imageless)).singleElement().asString().contains("name and an image");
    }

    static Map<String, Object> ingestDeployment() {
        return Manifests.get(Manifests.overlay("dev"), "Deployment", "ingest-service");
    }
}
