package io.vigil.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.vigil.deploy.Manifests.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KustomizeTest {

    @Test
    void devRunsOneSmallReplicaOfEachServiceAndKeepsWhatThePatchDoesNotTouch() {
        List<Map<String, Object>> objects = Manifests.overlay("dev");
        for (String service : Manifests.SERVICES) {
            Map<String, Object> deployment = Manifests.get(objects, "Deployment", service);
            assertThat(at(deployment, "spec", "replicas")).isEqualTo(1);
            Map<String, Object> container = Manifests.container(deployment, service);
            assertThat(at(container, "resources", "limits", "memory")).isEqualTo("384Mi");
            assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/q/health/live");
            assertThat(at(container, "image")).isEqualTo("vigil/" + service + ":jvm");
            assertThat(Manifests.containers(deployment, true)).extracting(c -> c.get("name"))
                    .containsExactly("wait-for-postgres", service);
        }
        assertThat(objects).noneMatch(o -> Manifests.kind(o).equals("HorizontalPodAutoscaler"));
    }

    @Test
    void prodRunsTwoNativeReplicasSpreadOverNodesWithAutoscalerAndDisruptionBudget() {
        List<Map<String, Object>> objects = Manifests.overlay("prod");
        for (String service : Manifests.SERVICES) {
            Map<String, Object> deployment = Manifests.get(objects, "Deployment", service);
            assertThat(at(deployment, "spec", "replicas")).isEqualTo(2);
            assertThat(at(Manifests.podSpec(deployment), "affinity", "podAntiAffinity")).isNotNull();
            assertThat(Manifests.container(deployment, service).get("image")).isEqualTo("vigil/" + service + ":native");
            assertThat(at(Manifests.container(deployment, service), "resources", "limits", "memory")).isEqualTo("512Mi");
            Map<String, Object> hpa = Manifests.get(objects, "HorizontalPodAutoscaler", service);
            assertThat(at(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(service);
            assertThat(at(hpa, "spec", "minReplicas")).isEqualTo(2);
            assertThat(at(Manifests.get(objects, "PodDisruptionBudget", service), "spec", "minAvailable")).isEqualTo(1);
        }
    }

    @Test
    void everyOverlayPutsEverythingInTheNamespaceWithThePartOfLabel() {
        for (String overlay : Manifests.OVERLAYS) {
            for (Map<String, Object> object : Manifests.overlay(overlay)) {
                assertThat(at(object, "metadata", "namespace")).as(Manifests.describe(object)).isEqualTo("vigil");
                assertThat(at(object, "metadata", "labels", "app.kubernetes.io/part-of")).isEqualTo("vigil");
                if (Manifests.hasPodTemplate(object)) {
                    assertThat(Manifests.podLabels(object)).containsEntry("app.kubernetes.io/part-of", "vigil");
                    // labels without includeSelectors leave the immutable selector alone
                    assertThat(((Map<?, ?>) at(object, "spec", "selector", "matchLabels")).containsKey("app.kubernetes.io/part-of")).isFalse();
                }
            }
        }
    }

    @Test
    void nestedFoldersStrategicMergeAndCommonLabels(@TempDir Path dir) throws IOException {
        write(dir.resolve("base/kustomization.yaml"), "resources:\n  - app.yaml\n");
        write(dir.resolve("base/app.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: a}}
                  template:
                    metadata: {labels: {app: a}}
                    spec:
                      containers:
                        - {name: one, image: x:1, env: [{name: A, value: "1"}]}
                        - {name: two, image: y:1}
                """);
        write(dir.resolve("top/kustomization.yaml"), """
                namespace: ns
                commonLabels: {team: t}
                resources: [../base]
                patches: [{path: patch.yaml}]
                images: [{name: x, newTag: "2"}]
                """);
        write(dir.resolve("top/patch.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  replicas: 3
                  template:
                    spec:
                      containers:
                        - {name: two, env: [{name: B, value: "2"}]}
                """);
        Map<String, Object> deployment = Kustomize.render(dir.resolve("top")).get(0);
        assertThat(at(deployment, "metadata", "namespace")).isEqualTo("ns");
        assertThat(at(deployment, "spec", "replicas")).isEqualTo(3);
        assertThat(at(deployment, "spec", "selector", "matchLabels", "team")).isEqualTo("t");
        assertThat(Manifests.podLabels(deployment)).containsEntry("team", "t").containsEntry("app", "a");
        assertThat(Manifests.container(deployment, "one")).containsEntry("image", "x:2").containsKey("env");
        assertThat(Manifests.container(deployment, "two")).containsEntry("image", "y:1");
        assertThat((List<?>) Manifests.container(deployment, "two").get("env")).hasSize(1);
    }

    @Test
    void refusesWhatItDoesNotUnderstand(@TempDir Path dir) throws IOException {
        write(dir.resolve("a/kustomization.yaml"), "resources: []\nconfigMapGenerator: [{name: x}]\n");
        assertThatThrownBy(() -> Kustomize.render(dir.resolve("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("configMapGenerator");

        write(dir.resolve("b/kustomization.yaml"), "patches: [{path: p.yaml, target: {kind: Deployment}}]\n");
        assertThatThrownBy(() -> Kustomize.render(dir.resolve("b"))).hasMessageContaining("path alone");

        write(dir.resolve("c/kustomization.yaml"), "labels: [{pairs: {a: b}, fields: []}]\n");
        assertThatThrownBy(() -> Kustomize.render(dir.resolve("c"))).hasMessageContaining("fields");

        write(dir.resolve("d/kustomization.yaml"), "resources: [missing.yaml]\n");
        assertThatThrownBy(() -> Kustomize.render(dir.resolve("d"))).hasMessageContaining("does not exist");

        write(dir.resolve("e/kustomization.yaml"), "patches: [{path: p.yaml}]\n");
        write(dir.resolve("e/p.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: nobody}\n");
        assertThatThrownBy(() -> Kustomize.render(dir.resolve("e"))).hasMessageContaining("matches no resource");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
