package io.vigil.query.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The Log Analytics query request: {@code {"query": "...", "timespan": "P7D"}}. */
@RegisterForReflection
public record QueryBody(String query, String timespan) {
}
