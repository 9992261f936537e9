package io.vigil.query.kql;

/**
 * A query the compiler rejects. The {@link #code()} is stable (clients and tests match on it); the message names the
 * problem; {@link #line()} and {@link #column()} are 1-based and point at the offending token.
 * <p>
 * Codes: {@code kql.syntax}, {@code kql.literal}, {@code kql.too-long}, {@code kql.too-complex},
 * {@code kql.unknown-table}, {@code kql.unknown-column}, {@code kql.unknown-function}, {@code kql.arguments},
 * {@code kql.type}, {@code kql.duplicate-column}, {@code kql.unsupported}, {@code kql.parameter}, {@code kql.internal}.
 */
public final class KqlException extends RuntimeException {

    private final String code;
    private final int line;
    private final int column;

    public KqlException(String code, String message, int line, int column) {
        super(message);
        this.code = code;
        this.line = line;
        this.column = column;
    }

    public KqlException(String code, String message, int line, int column, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.line = line;
        this.column = column;
    }

    public String code() {
        return code;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    @Override
    public String toString() {
        return code + " at " + line + ":" + column + ": " + getMessage();
    }
}
