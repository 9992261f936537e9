package io.vigil.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates objects against the Kubernetes API types of the fabric8 model (generated from the Kubernetes OpenAPI
 * schema): an object must name a known apiVersion and kind, read into that type without a type mismatch, and
 * carry no field the type does not have. The fabric8 types keep unknown fields in {@code additionalProperties}
 * instead of refusing them, so those maps are searched after reading.
 */
final class SchemaCheck {

    private static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class));

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private SchemaCheck() {
    }

    /** The problems of one object; empty when it is valid. */
    static List<String> validate(Map<String, Object> object) {
        String where = Manifests.describe(object);
        String type = object.get("apiVersion") + "/" + object.get("kind");
        Class<?> model = TYPES.get(type);
        if (model == null) {
            return List.of(where + ": no schema for " + type);
        }
        Object typed;
        try {
            typed = MAPPER.convertValue(object, model);
        } catch (IllegalArgumentException e) {
            return List.of(where + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> problems = new ArrayList<>();
        unknownFields(typed, where, problems, Collections.newSetFromMap(new IdentityHashMap<>()));
        required(object, where, problems);
        OpenApiCheck.validate(object).ifPresent(problems::add);
        return problems;
    }

    private static void unknownFields(Object value, String path, List<String> problems, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", problems, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method method : value.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || !method.getName().startsWith("get") || method.getName().equals("getClass")) {
                continue;
            }
            Object property;
            try {
                property = method.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (method.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet() + " in " + value.getClass().getSimpleName());
                }
            } else {
                String field = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
                unknownFields(property, path + "." + field, problems, seen);
            }
        }
    }

    /** The required fields the API server insists on that the Java types cannot express. */
    private static void required(Map<String, Object> object, String where, List<String> problems) {
        if (Manifests.at(object, "metadata", "name") == null) {
            problems.add(where + ": metadata.name is required");
        }
        if (Manifests.hasPodTemplate(object)) {
            if (Manifests.at(object, "spec", "selector") == null) {
                problems.add(where + ": spec.selector is required");
            }
            if (Manifests.containers(object, false).isEmpty()) {
                problems.add(where + ": at least one container is required");
            }
            for (Map<String, Object> container : Manifests.containers(object, true)) {
                if (container.get("name") == null || container.get("image") == null) {
                    problems.add(where + ": every container needs a name and an image");
                }
            }
        }
    }
}
