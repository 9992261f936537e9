/**
 * The IoT Hub twin query language, compiled to PostgreSQL.
 * <p>
 * {@link io.vigil.twin.query.TwinQueryCompiler} turns query text into a {@link io.vigil.twin.query.CompiledTwinQuery},
 * which produces one SQL statement per page ({@link io.vigil.twin.query.BoundQuery}) over {@code twin.twin}, with
 * every piece of query text bound as a parameter. Sub-packages: {@code syntax} (lexer, parser, parsed tree),
 * {@code semantic} (name resolution and type checks), {@code sql} (SQL generation and paging). The language, and
 * every decision taken where IoT Hub's documentation is silent, is described in twin-service/QUERY-LANGUAGE.md.
 */
package io.vigil.twin.query;
