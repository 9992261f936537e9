package io.vigil.twin.query.syntax;

/**
 * One name of a path.
 *
 * @param name   the name as written (without the brackets of a quoted name)
 * @param quoted whether it was written {@code [[name]]}
 */
public record PathSegment(String name, boolean quoted, SourcePosition position) {
}
