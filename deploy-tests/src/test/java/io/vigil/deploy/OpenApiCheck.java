package io.vigil.deploy;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Validation with the models of the official Kubernetes Java client, which are generated from the Kubernetes
 * OpenAPI document (client-java 27, Kubernetes 1.35): every object, and every object nested in it, may carry only
 * the fields its schema defines and must carry the ones the schema requires (a container's name, a selector, a
 * port number...). It complements {@link SchemaCheck}'s fabric8 reading, which checks the value types.
 */
final class OpenApiCheck {

    @FunctionalInterface
    private interface Validator {
        void validate(JsonElement json) throws IOException;
    }

    private static final Map<String, Validator> VALIDATORS = Map.ofEntries(
            Map.entry("v1/ConfigMap", V1ConfigMap::validateJsonElement),
            Map.entry("v1/Namespace", V1Namespace::validateJsonElement),
            Map.entry("v1/PersistentVolumeClaim", V1PersistentVolumeClaim::validateJsonElement),
            Map.entry("v1/Secret", V1Secret::validateJsonElement),
            Map.entry("v1/Service", V1Service::validateJsonElement),
            Map.entry("v1/ServiceAccount", V1ServiceAccount::validateJsonElement),
            Map.entry("apps/v1/Deployment", V1Deployment::validateJsonElement),
            Map.entry("apps/v1/StatefulSet", V1StatefulSet::validateJsonElement),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler::validateJsonElement),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy::validateJsonElement),
            Map.entry("policy/v1/PodDisruptionBudget", V1PodDisruptionBudget::validateJsonElement));

    private static final Gson GSON = new Gson();

    private OpenApiCheck() {
    }

    /** The first problem the schema finds in the object, if any. */
    static Optional<String> validate(Map<String, Object> object) {
        String type = object.get("apiVersion") + "/" + object.get("kind");
        Validator validator = VALIDATORS.get(type);
        if (validator == null) {
            return Optional.of(Manifests.describe(object) + ": no OpenAPI schema for " + type);
        }
        try {
            validator.validate(GSON.toJsonTree(object));
            return Optional.empty();
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            // The client's messages end with the whole JSON of the failing part; the first sentence says enough.
            String message = String.valueOf(e.getMessage());
            int json = message.indexOf(" JSON: ");
            return Optional.of(Manifests.describe(object) + ": " + (json > 0 ? message.substring(0, json) : message));
        }
    }
}
