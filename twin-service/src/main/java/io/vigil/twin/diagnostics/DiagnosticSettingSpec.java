package io.vigil.twin.diagnostics;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.twin.http.TwinApiException;

import java.util.Set;

/**
 * The body of {@code PUT /diagnosticSettings/{name}}: {@code {"properties": {"workspaceId": "...", "logs": [{"category",
 * "enabled"}], "metrics": [...]}}}, with IoT Hub's log categories.
 */
public record DiagnosticSettingSpec(JsonNode properties) {

    static final Set<String> CATEGORIES = Set.of("Connections", "DeviceTelemetry", "C2DCommands", "DeviceIdentityOperations",
            "FileUploadOperations", "Routes", "D2CTwinOperations", "C2DTwinOperations", "TwinQueries", "JobsOperations",
            "DirectMethods", "DistributedTracing", "Configurations", "DeviceStreams");

    public static DiagnosticSettingSpec parse(JsonNode body) {
        JsonNode properties = body == null ? null : body.get("properties");
        if (properties == null || !properties.isObject()) {
            throw TwinApiException.invalid("the body must be {\"properties\": {\"logs\": [{\"category\", \"enabled\"}], ...}}");
        }
        JsonNode logs = properties.path("logs");
        if (!logs.isMissingNode() && !logs.isArray()) {
            throw TwinApiException.invalid("properties.logs must be an array");
        }
        for (JsonNode log : logs) {
            if (!CATEGORIES.contains(log.path("category").asText()) || !log.path("enabled").isBoolean()) {
                throw TwinApiException.invalid("each log must be {\"category\": one of " + String.join(", ", new java.util.TreeSet<>(CATEGORIES))
                        + ", \"enabled\": true|false}");
            }
        }
        if (properties.toString().length() > 16 * 1024) {
            throw TwinApiException.invalid("a diagnostic setting is limited to 16 KiB");
        }
        return new DiagnosticSettingSpec(properties);
    }
}
