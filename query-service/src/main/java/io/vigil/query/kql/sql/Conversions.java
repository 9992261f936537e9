package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.syntax.Position;
import io.vigil.query.kql.types.KqlType;

/**
 * Conversions between KQL types in SQL, with KQL's rule that a failed conversion is null, never an error.
 * PostgreSQL casts raise errors on bad input, so every text conversion first checks the text with a regular
 * expression and only casts what will succeed.
 */
final class Conversions {

    /** Decimal number text: what tolong/toint/todouble accept (a fraction is truncated by the integer ones). */
    private static final String NUMBER_TEXT = "'^\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,4})?\\s*$'";

    private static final String TIMESPAN_TEXT = "'^(-)?(?:(\\d{1,8})\\.)?([01]?\\d|2[0-3]):([0-5]\\d)(?::([0-5]\\d)(?:\\.(\\d{1,7}))?)?$'";

    private static final String GUID_TEXT = "'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'";

    /**
     * A JSON string token as jsonb accepts it: no \u0000, surrogate escapes only as high-low pairs (jsonb rejects
     * the rest, and a rejected cast would abort the query).
     */
    private static final String JSON_STRING = "'\"([^\"\\\\\\x01-\\x1f]|\\\\[\"\\\\/bfnrt]|\\\\u[dD][89abAB][0-9a-fA-F]{2}\\\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\\\u(?![dD][89a-fA-F])(?!0000)[0-9a-fA-F]{4})*\"'";
    /** A JSON number or literal token. */
    private static final String JSON_SCALAR = "'-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?|true|false|null'";
    /** An innermost object or array of a skeleton: S string, N other scalar, V an already reduced container. */
    private static final String JSON_INNERMOST = "'\\{(S:[SNV](,S:[SNV])*)?\\}|\\[([SNV](,[SNV])*)?\\]'";
    /** Containers nested deeper than this are not recognised as JSON (the text stays a dynamic string). */
    static final int JSON_MAX_DEPTH = 24;

    static final long TICKS_PER_SECOND = 10_000_000L;
    /** Ticks between 0001-01-01 (the .NET epoch KQL counts from) and 1970-01-01. */
    static final long TICKS_TO_UNIX_EPOCH = 621_355_968_000_000_000L;

    private final CompilationContext context;

    Conversions(CompilationContext context) {
        this.context = context;
    }

    /** Converts to {@code target}, as {@code to<target>()} does. */
    SqlValue to(KqlType target, SqlValue value, Position position) {
        switch (target) {
            case STRING:
                return toStringValue(value);
            case LONG:
                return toLong(value, position);
            case INT:
                return toInt(value, position);
            case REAL:
                return toReal(value, position);
            case BOOL:
                return toBool(value, position);
            case DATETIME:
                return toDatetime(value, position);
            case TIMESPAN:
                return toTimespan(value, position);
            case GUID:
                return toGuid(value, position);
            case DYNAMIC:
                return toDynamic(value);
            default:
                throw new IllegalStateException("no conversion to " + target);
        }
    }

    /** tostring(): never null; a null becomes "". */
    SqlValue toStringValue(SqlValue value) {
        String sql = value.sql();
        switch (value.type()) {
            case STRING:
                return value;
            case LONG:
            case INT:
            case REAL:
            case BOOL:
                return SqlValue.string("(" + sql + ")::text", value.nullable());
            case GUID:
                return SqlValue.string(sql, value.nullable());
            case DATETIME:
                return SqlValue.string("to_char((" + sql + ") AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"0Z\"')", value.nullable());
            case TIMESPAN:
                return SqlValue.notNull(context.share(sql, Conversions::timespanText), KqlType.STRING);
            case DYNAMIC:
                if (value.stored() instanceof SqlValue.StoredText text) {
                    return SqlValue.notNull(text.sql(), KqlType.STRING);
                }
                return SqlValue.string("(" + sql + ") #>> '{}'", true);
            default:
                throw new IllegalStateException("no string form for " + value.type());
        }
    }

    /** The text of a dynamic scalar (or a JSON text for objects and arrays), null when the dynamic is null. */
    static String dynamicText(String sql) {
        return "((" + sql + ") #>> '{}')";
    }

    private static String timespanText(String t) {
        String a = "abs(" + t + ")";
        return "(CASE WHEN " + t + " IS NULL THEN '' ELSE "
                + "(CASE WHEN " + t + " < 0 THEN '-' ELSE '' END)"
                + " || (CASE WHEN " + a + " >= 864000000000 THEN (" + a + " / 864000000000)::text || '.' ELSE '' END)"
                + " || lpad(((" + a + " % 864000000000) / 36000000000)::text, 2, '0')"
                + " || ':' || lpad(((" + a + " % 36000000000) / 600000000)::text, 2, '0')"
                + " || ':' || lpad(((" + a + " % 600000000) / 10000000)::text, 2, '0')"
                + " || (CASE WHEN " + a + " % 10000000 <> 0 THEN '.' || lpad((" + a + " % 10000000)::text, 7, '0') ELSE '' END)"
                + " END)";
    }

    SqlValue toLong(SqlValue value, Position position) {
        String sql = value.sql();
        switch (value.type()) {
            case LONG:
                return value;
            case INT:
                return SqlValue.of("(" + sql + ")::bigint", KqlType.LONG, value.nullable());
            case REAL:
                return SqlValue.of(context.share(sql, x -> "(CASE WHEN " + x + " = 'NaN'::float8 OR abs(" + x
                        + ") >= 9.2233720368547758e18 THEN NULL ELSE trunc(" + x + ")::bigint END)"), KqlType.LONG, true);
            case BOOL:
                return SqlValue.of("(" + sql + ")::integer::bigint", KqlType.LONG, value.nullable());
            case TIMESPAN:
                return SqlValue.of(sql, KqlType.LONG, value.nullable());
            case DATETIME:
                return SqlValue.of("((extract(epoch from (" + sql + ")) * " + TICKS_PER_SECOND + ")::bigint + "
                        + TICKS_TO_UNIX_EPOCH + ")", KqlType.LONG, value.nullable());
            case STRING:
                return SqlValue.of(textToLong(sql), KqlType.LONG, true);
            case DYNAMIC:
                return SqlValue.of(textToLong(dynamicText(sql)), KqlType.LONG, true);
            default:
                throw cannotConvert(value, KqlType.LONG, position);
        }
    }

    /** See kql.to_long in the query-service migrations: the same rule as NUMBER_TEXT, truncated, range-checked. */
    private String textToLong(String text) {
        return "kql.to_long(" + text + ")";
    }

    SqlValue toInt(SqlValue value, Position position) {
        if (value.type() == KqlType.INT) {
            return value;
        }
        SqlValue asLong = toLong(value, position);
        return SqlValue.of(context.share(asLong.sql(), l -> "(CASE WHEN " + l + " BETWEEN -2147483648 AND 2147483647 THEN "
                + l + "::integer END)"), KqlType.INT, true);
    }

    SqlValue toReal(SqlValue value, Position position) {
        String sql = value.sql();
        switch (value.type()) {
            case REAL:
                return value;
            case LONG:
            case INT:
            case TIMESPAN:
                return SqlValue.of("(" + sql + ")::float8", KqlType.REAL, value.nullable());
            case BOOL:
                return SqlValue.of("(" + sql + ")::integer::float8", KqlType.REAL, value.nullable());
            case STRING:
                return SqlValue.of(textToReal(sql), KqlType.REAL, true);
            case DYNAMIC:
                return SqlValue.of(textToReal(dynamicText(sql)), KqlType.REAL, true);
            default:
                throw cannotConvert(value, KqlType.REAL, position);
        }
    }

    private String textToReal(String text) {
        return context.share(text, t -> "(CASE WHEN " + t + " ~* '^\\s*[+-]?(inf|infinity)\\s*$' THEN (CASE WHEN btrim("
                + t + ") LIKE '-%' THEN '-Infinity'::float8 ELSE 'Infinity'::float8 END)"
                + " WHEN " + t + " ~* '^\\s*nan\\s*$' THEN 'NaN'::float8"
                + " WHEN " + t + " ~ " + NUMBER_TEXT + " THEN " + context.share("(" + t + ")::numeric",
                        n -> "(CASE WHEN abs(" + n + ") >= 1e308 THEN NULL WHEN abs(" + n + ") < 1e-307 THEN 0::float8 ELSE "
                                + n + "::float8 END)")
                + " END)");
    }

    SqlValue toBool(SqlValue value, Position position) {
        String sql = value.sql();
        switch (value.type()) {
            case BOOL:
                return value;
            case LONG:
            case INT:
            case REAL:
                return SqlValue.of("((" + sql + ") <> 0)", KqlType.BOOL, value.nullable());
            case STRING:
                return SqlValue.of(textToBool(sql), KqlType.BOOL, true);
            case DYNAMIC:
                return SqlValue.of(textToBool(dynamicText(sql)), KqlType.BOOL, true);
            default:
                throw cannotConvert(value, KqlType.BOOL, position);
        }
    }

    private static String textToBool(String text) {
        return "(CASE lower(btrim(" + text + ")) WHEN 'true' THEN true WHEN 'false' THEN false"
                + " WHEN '1' THEN true WHEN '0' THEN false END)";
    }

    SqlValue toDatetime(SqlValue value, Position position) {
        String sql = value.sql();
        switch (value.type()) {
            case DATETIME:
                return value;
            case STRING:
                return SqlValue.of(textToDatetime(sql), KqlType.DATETIME, true);
            case DYNAMIC:
                return SqlValue.of(textToDatetime(dynamicText(sql)), KqlType.DATETIME, true);
            default:
                throw cannotConvert(value, KqlType.DATETIME, position);
        }
    }

    /**
     * ISO 8601 text to timestamptz, independent of the session time zone (no offset means UTC); see kql.to_datetime
     * in the query-service migrations, which keeps the rule of {@code DatetimeText}.
     */
    private String textToDatetime(String text) {
        return "kql.to_datetime(" + text + ")";
    }

    SqlValue toTimespan(SqlValue value, Position position) {
        String sql = value.sql();
        switch (value.type()) {
            case TIMESPAN:
                return value;
            case LONG:
                return SqlValue.of(sql, KqlType.TIMESPAN, value.nullable());
            case INT:
                return SqlValue.of("(" + sql + ")::bigint", KqlType.TIMESPAN, value.nullable());
            case REAL:
                return SqlValue.of(toLong(value, position).sql(), KqlType.TIMESPAN, true);
            case STRING:
                return SqlValue.of(textToTimespan(sql), KqlType.TIMESPAN, true);
            case DYNAMIC:
                return SqlValue.of(textToTimespan(dynamicText(sql)), KqlType.TIMESPAN, true);
            default:
                throw cannotConvert(value, KqlType.TIMESPAN, position);
        }
    }

    /** {@code [-][d.]hh:mm[:ss[.fffffff]]} to ticks. */
    private String textToTimespan(String text) {
        String alias = context.newAlias();
        String m = alias + ".m";
        return "(SELECT CASE WHEN " + m + " IS NULL THEN NULL ELSE (CASE WHEN " + m + "[1] = '-' THEN -1 ELSE 1 END) * ("
                + "coalesce(" + m + "[2], '0')::bigint * 864000000000 + " + m + "[3]::bigint * 36000000000 + "
                + m + "[4]::bigint * 600000000 + coalesce(" + m + "[5], '0')::bigint * 10000000 + rpad(coalesce("
                + m + "[6], ''), 7, '0')::bigint) END FROM (SELECT regexp_match(btrim(" + text + "), " + TIMESPAN_TEXT
                + ") AS m) AS " + alias + ")";
    }

    SqlValue toGuid(SqlValue value, Position position) {
        String sql = value.sql();
        switch (value.type()) {
            case GUID:
                return value;
            case STRING:
                return SqlValue.of(textToGuid(sql), KqlType.GUID, true);
            case DYNAMIC:
                return SqlValue.of(textToGuid(dynamicText(sql)), KqlType.GUID, true);
            default:
                throw cannotConvert(value, KqlType.GUID, position);
        }
    }

    private String textToGuid(String text) {
        return context.share("btrim(" + text + ")", s -> "(CASE WHEN " + s + " ~ " + GUID_TEXT + " THEN lower(" + s + ") END)");
    }

    /** todynamic() of a non-string value: a JSON scalar; datetime, timespan and guid as their text. */
    SqlValue toDynamic(SqlValue value) {
        String sql = value.sql();
        switch (value.type()) {
            case DYNAMIC:
                return value;
            case STRING:
                return parseJson(value);
            case LONG:
            case INT:
            case REAL:
            case BOOL:
                return SqlValue.of("to_jsonb(" + sql + ")", KqlType.DYNAMIC, value.nullable());
            default:
                if (!value.nullable()) {
                    return SqlValue.of("to_jsonb(" + toStringValue(value).sql() + ")", KqlType.DYNAMIC, false);
                }
                return SqlValue.of(context.share(sql, x -> "(CASE WHEN " + x + " IS NULL THEN NULL ELSE to_jsonb("
                        + toStringValue(SqlValue.of(x, value.type(), true)).sql() + ") END)"), KqlType.DYNAMIC, true);
        }
    }

    /**
     * parse_json(): JSON text becomes its value (a JSON null or an empty text becomes null); text that is not JSON
     * becomes a dynamic string holding the text, as KQL's parse_json does.
     */
    SqlValue parseJson(SqlValue value) {
        if (value.type() != KqlType.STRING) {
            return toDynamic(value);
        }
        if (value.stored() instanceof SqlValue.ParsedJson parsed) {
            return SqlValue.of("NULLIF(" + parsed.jsonbSql() + ", 'null'::jsonb)", KqlType.DYNAMIC, true)
                    .withStored(parsed.members());
        }
        if (value.jsonText()) {
            return SqlValue.of("NULLIF((" + value.sql() + ")::jsonb, 'null'::jsonb)", KqlType.DYNAMIC, true)
                    .withStored(value.stored() instanceof SqlValue.StoredMembers members ? members : null);
        }
        return SqlValue.of(context.share(value.sql(), s -> "(CASE WHEN " + s + " ~ '^[ \\t\\n\\r]*$' THEN NULL WHEN "
                + isJson(s) + " THEN NULLIF(" + s + "::jsonb, 'null'::jsonb) ELSE to_jsonb(" + s + ") END)"),
                KqlType.DYNAMIC, true);
    }

    /**
     * Whether a text is well-formed JSON, without raising an error (PostgreSQL before 16 has no such test, and a
     * failed cast would abort the query). The text is reduced to a skeleton (strings to S, numbers and literals to
     * N, whitespace dropped), then innermost containers are replaced by V, level after level: the text is JSON when
     * a single value remains.
     */
    static String isJson(String text) {
        String skeleton = "regexp_replace(regexp_replace(regexp_replace(" + text + ", " + JSON_STRING + ", 'S', 'g'), "
                + JSON_SCALAR + ", 'N', 'g'), '[ \\t\\n\\r]+', '', 'g')";
        for (int level = 0; level < JSON_MAX_DEPTH; level++) {
            skeleton = "regexp_replace(" + skeleton + ", " + JSON_INNERMOST + ", 'V', 'g')";
        }
        return "(" + skeleton + " ~ '^[SNV]$')";
    }

    private static io.vigil.query.kql.KqlException cannotConvert(SqlValue value, KqlType target, Position position) {
        return position.error(KqlErrorCodes.TYPE, "cannot convert a " + value.type() + " to " + target);
    }
}
