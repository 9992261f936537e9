package io.vigil.twin.query.syntax;

/** A 1-based line and column in the query text. */
public record SourcePosition(int line, int column) {

    public static final SourcePosition START = new SourcePosition(1, 1);
}
