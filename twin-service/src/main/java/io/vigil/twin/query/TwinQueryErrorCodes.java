package io.vigil.twin.query;

/** The stable values of {@link TwinQueryException#code()}. QUERY-LANGUAGE.md lists what triggers each. */
public final class TwinQueryErrorCodes {

    /** The text does not follow the grammar: unexpected token, unterminated string, malformed number... */
    public static final String SYNTAX = "query.syntax";
    /** The text is longer than {@link TwinQueryLimits#maxQueryLength()}. */
    public static final String TOO_LONG = "query.too-long";
    /** Expressions nest deeper than the compiler accepts. */
    public static final String TOO_COMPLEX = "query.too-complex";
    /** FROM names something other than devices, devices.modules or devices.jobs. */
    public static final String UNKNOWN_COLLECTION = "query.unknown-collection";
    /** A function name that twin queries do not have (STARTS_WITH, CONTAINS, LOWER...). */
    public static final String UNKNOWN_FUNCTION = "query.unknown-function";
    /** Wrong number or kind of arguments, constants of different types compared, an aggregate in WHERE... */
    public static final String TYPE = "query.type";
    /** SELECT mixes aggregates with properties that are not the GROUP BY property, or SELECT * with GROUP BY. */
    public static final String GROUPING = "query.grouping";
    /** Two selected items would produce the same key in the result objects. */
    public static final String DUPLICATE_NAME = "query.duplicate-name";
    /** A construct that IoT Hub has but Vigil does not (devices.jobs, ORDER BY, joins...). */
    public static final String UNSUPPORTED = "query.unsupported";
    /** A continuation that does not belong to the query it is replayed with. */
    public static final String BAD_CONTINUATION = "query.bad-continuation";
    /** A defect in the compiler itself; never expected, reported rather than thrown as another exception type. */
    public static final String INTERNAL = "query.internal";

    private TwinQueryErrorCodes() {
    }
}
