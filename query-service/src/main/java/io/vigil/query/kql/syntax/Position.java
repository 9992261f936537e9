package io.vigil.query.kql.syntax;

import io.vigil.query.kql.KqlException;

/** Where a token starts in the query text: 1-based line and column, 0-based character offset. */
public record Position(int line, int column, int offset) {

    public static final Position START = new Position(1, 1, 0);

    /** An exception of the given code pointing here. */
    public KqlException error(String code, String message) {
        return new KqlException(code, message, line, column);
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
