package io.vigil.query.kql;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A parameter of a saved query: one of its leading {@code let name = <literal>;} statements. The literal is the
 * default and fixes the type; a caller may supply another value of that type as text.
 *
 * @param name         the let name
 * @param type         the KQL type of the literal ({@code string}, {@code long}, {@code timespan}, ...)
 * @param defaultValue the literal as written in the query
 */
@RegisterForReflection
public record QueryParameter(String name, String type, String defaultValue) {
}
