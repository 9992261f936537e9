package io.vigil.contracts.findings;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * A recommendation's new state: Active while the latest snapshot still shows the problem, Resolved once it does not.
 *
 * @param name    e.g. {@code IoT_OpenPorts}: the twin tag's name
 * @param details what the twin tag shows under {@code details}, e.g. {@code {"Endpoints":"[\"0.0.0.0:22\"]"}}
 */
@RegisterForReflection
public record RecommendationNotice(int version, String hub, String deviceId, String name, String severity,
                                   String state, Instant discoveredAt, Instant resolvedAt, JsonNode details) {

    public static final int CURRENT_VERSION = 1;
}
