package io.vigil.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The part of kustomize that the manifests under {@code k8s/} use, and nothing more: {@code resources} (files and
 * folders with a kustomization of their own), {@code namespace}, {@code labels} and {@code commonLabels},
 * {@code images}, and {@code patches} given as a path to a strategic-merge patch. A field or an option it does not
 * know makes it throw, so that a kustomization never silently renders differently here than with kubectl.
 */
final class Kustomize {

    private static final Set<String> FIELDS =
            Set.of("apiVersion", "kind", "resources", "namespace", "labels", "commonLabels", "images", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "PersistentVolume", "StorageClass", "CustomResourceDefinition", "PriorityClass");
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");
    /** List fields whose elements strategic merge matches by a key instead of replacing the list. */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name", "initContainers", "name", "env", "name", "volumes", "name",
            "volumeMounts", "mountPath", "ports", "containerPort", "imagePullSecrets", "name");

    private Kustomize() {
    }

    /** Renders the kustomization in {@code directory}: every object, in the order kustomize would list them. */
    static List<Map<String, Object>> render(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + directory);
        }
        List<Map<String, Object>> documents = Yaml.load(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + ": one document expected");
        }
        Map<String, Object> kustomization = documents.get(0);
        for (String field : kustomization.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(file + ": field '" + field + "' is not supported by this renderer");
            }
        }
        if (!"Kustomization".equals(kustomization.getOrDefault("kind", "Kustomization"))) {
            throw new IllegalArgumentException(file + ": kind must be Kustomization");
        }

        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object entry : list(kustomization, "resources", file)) {
            Path resource = directory.resolve(string(entry, file, "resources")).normalize();
            if (Files.isDirectory(resource)) {
                objects.addAll(render(resource));
            } else if (Files.isRegularFile(resource)) {
                objects.addAll(Yaml.load(resource));
            } else {
                throw new IllegalArgumentException(file + ": resource " + entry + " does not exist");
            }
        }
        for (Object entry : list(kustomization, "patches", file)) {
            Map<String, Object> patch = map(entry, file, "patches");
            if (!patch.keySet().equals(Set.of("path"))) {
                throw new IllegalArgumentException(file + ": only patches with a path alone are supported, got " + patch.keySet());
            }
            for (Map<String, Object> document : Yaml.load(directory.resolve(string(patch.get("path"), file, "path")))) {
                applyPatch(objects, document, file);
            }
        }
        if (kustomization.containsKey("namespace")) {
            String namespace = string(kustomization.get("namespace"), file, "namespace");
            for (Map<String, Object> object : objects) {
                if (!CLUSTER_SCOPED.contains(object.get("kind"))) {
                    metadata(object).put("namespace", namespace);
                }
            }
        }
        if (kustomization.containsKey("commonLabels")) {
            Map<String, Object> pairs = map(kustomization.get("commonLabels"), file, "commonLabels");
            objects.forEach(object -> addLabels(object, pairs, true, true));
        }
        for (Object entry : list(kustomization, "labels", file)) {
            Map<String, Object> label = map(entry, file, "labels");
            requireOnly(label, Set.of("pairs", "includeSelectors", "includeTemplates"), file, "labels");
            boolean selectors = Boolean.TRUE.equals(label.get("includeSelectors"));
            boolean templates = selectors || Boolean.TRUE.equals(label.get("includeTemplates"));
            Map<String, Object> pairs = map(label.get("pairs"), file, "pairs");
            objects.forEach(object -> addLabels(object, pairs, selectors, templates));
        }
        for (Object entry : list(kustomization, "images", file)) {
            Map<String, Object> image = map(entry, file, "images");
            requireOnly(image, Set.of("name", "newName", "newTag"), file, "images");
            objects.forEach(object -> setImage(object, image));
        }
        return objects;
    }

    private static void applyPatch(List<Map<String, Object>> objects, Map<String, Object> patch, Path file) {
        Object kind = patch.get("kind");
        Object name = metadata(patch).get("name");
        Map<String, Object> target = objects.stream()
                .filter(object -> Objects.equals(object.get("kind"), kind) && Objects.equals(metadata(object).get("name"), name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + ": patch for " + kind + " " + name + " matches no resource"));
        merge(target, patch);
    }

    /** Strategic merge as kustomize does it for the built-in types: maps merge, keyed lists merge by key. */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> target, Map<String, Object> patch) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            Object existing = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map && existing instanceof Map) {
                merge((Map<String, Object>) existing, (Map<String, Object>) value);
            } else if (value instanceof List && existing instanceof List && MERGE_KEYS.containsKey(key)) {
                mergeList((List<Object>) existing, (List<Object>) value, MERGE_KEYS.get(key));
            } else {
                target.put(key, Yaml.deepCopy(value));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeList(List<Object> target, List<Object> patch, String mergeKey) {
        for (Object element : patch) {
            if (!(element instanceof Map<?, ?> patchElement) || !patchElement.containsKey(mergeKey)) {
                throw new IllegalArgumentException("patch list element without '" + mergeKey + "': " + element);
            }
            Map<String, Object> match = null;
            for (Object candidate : target) {
                if (candidate instanceof Map<?, ?> map && Objects.equals(map.get(mergeKey), patchElement.get(mergeKey))) {
                    match = (Map<String, Object>) map;
                }
            }
            if (match == null) {
                target.add(Yaml.deepCopy(element));
            } else {
                merge(match, (Map<String, Object>) patchElement);
            }
        }
    }

    private static void addLabels(Map<String, Object> object, Map<String, Object> pairs, boolean selectors, boolean templates) {
        child(metadata(object), "labels").putAll(pairs);
        Object kind = object.get("kind");
        Map<String, Object> spec = object.get("spec") instanceof Map ? child(object, "spec") : null;
        if (spec == null) {
            return;
        }
        if (WORKLOADS.contains(kind)) {
            if (templates) {
                child(child(child(spec, "template"), "metadata"), "labels").putAll(pairs);
            }
            if (selectors) {
                child(child(spec, "selector"), "matchLabels").putAll(pairs);
            }
        } else if ("Service".equals(kind) && selectors) {
            child(spec, "selector").putAll(pairs);
        }
    }

    private static void setImage(Map<String, Object> object, Map<String, Object> image) {
        for (Map<String, Object> container : Manifests.containers(object, true)) {
            String current = String.valueOf(container.get("image"));
            String name = current.contains(":") ? current.substring(0, current.lastIndexOf(':')) : current;
            String tag = current.contains(":") ? current.substring(current.lastIndexOf(':') + 1) : null;
            if (name.equals(image.get("name"))) {
                String newName = image.containsKey("newName") ? String.valueOf(image.get("newName")) : name;
                String newTag = image.containsKey("newTag") ? String.valueOf(image.get("newTag")) : tag;
                container.put("image", newTag == null ? newName : newName + ":" + newTag);
            }
        }
    }

    static Map<String, Object> metadata(Map<String, Object> object) {
        return child(object, "metadata");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value == null) {
            Map<String, Object> created = new LinkedHashMap<>();
            parent.put(key, created);
            return created;
        }
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("'" + key + "' is not a map: " + value);
        }
        return (Map<String, Object>) value;
    }

    private static List<?> list(Map<String, Object> kustomization, String field, Path file) {
        Object value = kustomization.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(file + ": '" + field + "' must be a list");
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, Path file, String field) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(file + ": '" + field + "' entries must be maps, got " + value);
        }
        return (Map<String, Object>) value;
    }

    private static String string(Object value, Path file, String field) {
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(file + ": '" + field + "' must be a string, got " + value);
        }
        return text;
    }

    /** YAML reading with SnakeYAML's safe constructor: plain maps, lists and scalars only. */
    static final class Yaml {
        private Yaml() {
        }

        @SuppressWarnings("unchecked")
        static List<Map<String, Object>> load(Path file) {
            try {
                String text = Files.readString(file);
                List<Map<String, Object>> documents = new ArrayList<>();
                for (Object document : new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
                    if (document == null) {
                        continue;
                    }
                    if (!(document instanceof Map)) {
                        throw new IllegalArgumentException(file + ": a document is not a map");
                    }
                    documents.add((Map<String, Object>) document);
                }
                return documents;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @SuppressWarnings("unchecked")
        static <T> T deepCopy(T value) {
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
                return (T) copy;
            }
            if (value instanceof List<?> list) {
                List<Object> copy = new ArrayList<>();
                list.forEach(v -> copy.add(deepCopy(v)));
                return (T) copy;
            }
            return value;
        }
    }

    private static void requireOnly(Map<String, Object> options, Set<String> supported, Path file, String what) {
        for (String key : options.keySet()) {
            if (!supported.contains(key)) {
                throw new IllegalArgumentException(file + ": " + what + " option '" + key + "' is not supported");
            }
        }
    }
}
