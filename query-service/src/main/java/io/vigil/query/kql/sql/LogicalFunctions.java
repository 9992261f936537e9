package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.types.KqlType;

import java.util.ArrayList;
import java.util.List;

/** iff/iif, case, coalesce, not, isempty/isnotempty, isnull/isnotnull. */
final class LogicalFunctions {

    private LogicalFunctions() {
    }

    static void register(ScalarFunctions functions) {
        functions.register("iff", 3, 3, LogicalFunctions::iff);
        functions.register("iif", 3, 3, LogicalFunctions::iff);
        functions.register("case", 3, 127, LogicalFunctions::caseFunction);
        functions.register("coalesce", 2, 64, LogicalFunctions::coalesce);
        functions.register("not", 1, 1, call -> {
            SqlValue value = call.compiler().asBool(call.arg(0), call.positionOf(0));
            return SqlValue.of("(NOT " + value.sql() + ")", KqlType.BOOL, value.nullable());
        });
        functions.register("isempty", 1, 1, call -> isEmpty(call.arg(0), false));
        functions.register("isnotempty", 1, 1, call -> isEmpty(call.arg(0), true));
        functions.register("notempty", 1, 1, call -> isEmpty(call.arg(0), true));
        functions.register("isnull", 1, 1, call -> isNull(call.arg(0), false));
        functions.register("isnotnull", 1, 1, call -> isNull(call.arg(0), true));
    }

    private static SqlValue iff(FunctionCall call) {
        SqlValue condition = call.compiler().asBool(call.arg(0), call.positionOf(0));
        List<SqlValue> results = sameType(call, List.of(1, 2));
        SqlValue then = results.get(0);
        SqlValue otherwise = results.get(1);
        return SqlValue.of("(CASE WHEN " + condition.sql() + " THEN " + then.sql() + " ELSE " + otherwise.sql() + " END)",
                then.type(), then.nullable() || otherwise.nullable());
    }

    /** case(p1, v1, p2, v2, ..., else): the value of the first true predicate, else the last argument. */
    private static SqlValue caseFunction(FunctionCall call) {
        if (call.count() % 2 == 0) {
            throw call.position().error(KqlErrorCodes.ARGUMENTS,
                    "case() takes predicate/value pairs and a final else value (an odd number of arguments)");
        }
        List<Integer> valueIndexes = new ArrayList<>();
        for (int i = 1; i < call.count(); i += 2) {
            valueIndexes.add(i);
        }
        valueIndexes.add(call.count() - 1);
        List<SqlValue> values = sameType(call, valueIndexes);
        StringBuilder sql = new StringBuilder("(CASE");
        boolean nullable = false;
        for (int pair = 0; pair < (call.count() - 1) / 2; pair++) {
            SqlValue predicate = call.compiler().asBool(call.arg(pair * 2), call.positionOf(pair * 2));
            SqlValue value = values.get(pair);
            sql.append(" WHEN ").append(predicate.sql()).append(" THEN ").append(value.sql());
            nullable |= value.nullable();
        }
        SqlValue otherwise = values.get(values.size() - 1);
        sql.append(" ELSE ").append(otherwise.sql()).append(" END)");
        return SqlValue.of(sql.toString(), otherwise.type(), nullable || otherwise.nullable());
    }

    /** The first non-null argument; for strings the first non-empty one (a string is never null). */
    private static SqlValue coalesce(FunctionCall call) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < call.count(); i++) {
            indexes.add(i);
        }
        List<SqlValue> values = sameType(call, indexes);
        KqlType type = values.get(0).type();
        List<String> parts = new ArrayList<>();
        boolean nullable = true;
        for (SqlValue value : values) {
            parts.add(type == KqlType.STRING ? "NULLIF(" + value.sql() + ", '')" : value.sql());
            nullable &= value.nullable();
        }
        if (type == KqlType.STRING) {
            parts.add("''");
            return SqlValue.notNull("COALESCE(" + String.join(", ", parts) + ")", type);
        }
        return SqlValue.of("COALESCE(" + String.join(", ", parts) + ")", type, nullable);
    }

    /**
     * The arguments at {@code indexes}, which must share one type; int and long mix (as long). Other mixes are
     * errors, as in KQL ("@then data type (real) must match @else (long)").
     */
    static List<SqlValue> sameType(FunctionCall call, List<Integer> indexes) {
        List<SqlValue> values = new ArrayList<>();
        boolean anyLong = false;
        boolean anyInt = false;
        KqlType type = null;
        for (int index : indexes) {
            SqlValue value = call.arg(index);
            KqlType t = value.type();
            anyLong |= t == KqlType.LONG;
            anyInt |= t == KqlType.INT;
            boolean integral = t == KqlType.LONG || t == KqlType.INT;
            if (type != null && t != type && !(integral && (type == KqlType.LONG || type == KqlType.INT))) {
                throw call.positionOf(index).error(KqlErrorCodes.TYPE, call.name() + "(): all results must have the same type, found "
                        + type + " and " + t);
            }
            if (type == null) {
                type = t;
            }
            values.add(value);
        }
        if (anyLong && anyInt) {
            List<SqlValue> widened = new ArrayList<>();
            for (SqlValue value : values) {
                widened.add(value.type() == KqlType.INT
                        ? SqlValue.of("(" + value.sql() + ")::bigint", KqlType.LONG, value.nullable()) : value);
            }
            return widened;
        }
        return values;
    }

    /** isempty: "" or null (a dynamic "" counts as empty; an empty array or bag does not). */
    private static SqlValue isEmpty(SqlValue value, boolean negate) {
        String test;
        switch (value.type()) {
            case STRING:
                test = "(" + value.sql() + " = '')";
                break;
            case DYNAMIC:
                test = "(" + value.sql() + " IS NULL OR " + value.sql() + " = '\"\"'::jsonb)";
                break;
            default:
                test = "(" + value.sql() + " IS NULL)";
                break;
        }
        return SqlValue.notNull(negate ? "(NOT " + test + ")" : test, KqlType.BOOL);
    }

    /** isnull: a string is never null, so isnull(string) is false. */
    private static SqlValue isNull(SqlValue value, boolean negate) {
        if (value.type() == KqlType.STRING || !value.nullable()) {
            return SqlValue.notNull(negate ? "true" : "false", KqlType.BOOL);
        }
        return SqlValue.notNull("(" + value.sql() + (negate ? " IS NOT NULL)" : " IS NULL)"), KqlType.BOOL);
    }
}
