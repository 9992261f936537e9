package io.vigil.query.kql;

/** The stable error codes of {@link KqlException}. */
public final class KqlErrorCodes {

    /** The text is not KQL: unexpected token, unterminated string, unknown operator keyword, ... */
    public static final String SYNTAX = "kql.syntax";
    /** A literal whose content is invalid: {@code datetime(2020-13-45)}, {@code dynamic({a})}, a bad regex, ... */
    public static final String LITERAL = "kql.literal";
    /** The query text is longer than {@link KqlLimits#maxQueryLength()}. */
    public static final String TOO_LONG = "kql.too-long";
    /** The query nests too deeply or needs more bound parameters than PostgreSQL accepts. */
    public static final String TOO_COMPLEX = "kql.too-complex";
    public static final String UNKNOWN_TABLE = "kql.unknown-table";
    /** A column (or scalar name) that is not in scope. */
    public static final String UNKNOWN_COLUMN = "kql.unknown-column";
    public static final String UNKNOWN_FUNCTION = "kql.unknown-function";
    /** Wrong number of arguments, or an argument that must be a constant and is not. */
    public static final String ARGUMENTS = "kql.arguments";
    /** Operand or argument types that do not fit, dynamic keys, a scalar where a table is expected, ... */
    public static final String TYPE = "kql.type";
    /** Two columns explicitly given the same name. */
    public static final String DUPLICATE_COLUMN = "kql.duplicate-column";
    /** Valid KQL that this engine does not implement. */
    public static final String UNSUPPORTED = "kql.unsupported";
    /** A value supplied for a saved query's parameter that is unknown or not of the parameter's type. */
    public static final String PARAMETER = "kql.parameter";
    /** A defect of the compiler itself; the message says what went wrong. */
    public static final String INTERNAL = "kql.internal";

    private KqlErrorCodes() {
    }
}
