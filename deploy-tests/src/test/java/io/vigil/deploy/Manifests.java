package io.vigil.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Where the repository and its overlays are, and how to reach into rendered objects. */
final class Manifests {

    static final List<String> OVERLAYS = List.of("dev", "prod");
    static final List<String> SERVICES = List.of("ingest-service", "detection-service", "twin-service", "query-service");
    private static final Set<String> POD_TEMPLATE_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

    private Manifests() {
    }

    static Path root() {
        Path root = Path.of(System.getProperty("vigil.repository.root", "..")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("k8s"))) {
            throw new IllegalStateException("no k8s folder under " + root);
        }
        return root;
    }

    static List<Map<String, Object>> overlay(String name) {
        return Kustomize.render(root().resolve("k8s/overlays").resolve(name));
    }

    static String kind(Map<String, Object> object) {
        return String.valueOf(object.get("kind"));
    }

    static String name(Map<String, Object> object) {
        return String.valueOf(Kustomize.metadata(object).get("name"));
    }

    static String describe(Map<String, Object> object) {
        return kind(object) + "/" + name(object);
    }

    static Optional<Map<String, Object>> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(o -> kind(o).equals(kind) && name(o).equals(name)).findFirst();
    }

    static Map<String, Object> get(List<Map<String, Object>> objects, String kind, String name) {
        return find(objects, kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static boolean hasPodTemplate(Map<String, Object> object) {
        return POD_TEMPLATE_KINDS.contains(kind(object));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> podSpec(Map<String, Object> object) {
        Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) object.get("spec")).get("template");
        return (Map<String, Object>) template.get("spec");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> podLabels(Map<String, Object> object) {
        Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) object.get("spec")).get("template");
        Map<String, Object> metadata = (Map<String, Object>) template.get("metadata");
        Object labels = metadata == null ? null : metadata.get("labels");
        return labels == null ? Map.of() : (Map<String, Object>) labels;
    }

    /** The containers of a workload's pod template, the init containers too if asked. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> containers(Map<String, Object> object, boolean withInit) {
        if (!hasPodTemplate(object)) {
            return List.of();
        }
        Map<String, Object> pod = podSpec(object);
        List<Map<String, Object>> containers = new ArrayList<>();
        if (withInit && pod.get("initContainers") instanceof List<?> init) {
            init.forEach(c -> containers.add((Map<String, Object>) c));
        }
        if (pod.get("containers") instanceof List<?> main) {
            main.forEach(c -> containers.add((Map<String, Object>) c));
        }
        return containers;
    }

    static Map<String, Object> container(Map<String, Object> workload, String name) {
        return containers(workload, false).stream().filter(c -> Objects.equals(c.get("name"), name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name + " in " + describe(workload)));
    }

    /** Reads a nested value, or null: {@code at(map, "spec", "replicas")}. */
    @SuppressWarnings("unchecked")
    static Object at(Object value, String... path) {
        Object current = value;
        for (String key : path) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }
}
