package io.vigil.twin.query;

/**
 * A query that cannot be compiled, or a continuation that does not fit its query.
 * <p>
 * {@link #code()} is stable and meant for programs (see {@link TwinQueryErrorCodes}); the message is for operators
 * and may change. {@link #line()} and {@link #column()} are 1-based and point at the first character of the
 * problem in the query text (columns count characters; a tab counts as one).
 */
public final class TwinQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final int line;
    private final int column;

    public TwinQueryException(String code, String message, int line, int column) {
        super(message);
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
        return "TwinQueryException[" + code + " at " + line + ":" + column + "]: " + getMessage();
    }
}
