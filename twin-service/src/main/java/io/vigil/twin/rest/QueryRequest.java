package io.vigil.twin.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of {@code POST /devices/query}: {@code {"query": "SELECT * FROM devices"}}. */
@RegisterForReflection
public record QueryRequest(String query) {
}
