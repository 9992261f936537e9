package io.vigil.query.execution;

/**
 * A query that cannot be answered for a reason of its own (bad timespan, data that breaks a conversion, a run past
 * the statement timeout): the HTTP status and stable code to answer with, never a 500.
 */
public final class QueryFailure extends RuntimeException {

    private final int status;
    private final String code;

    public QueryFailure(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
