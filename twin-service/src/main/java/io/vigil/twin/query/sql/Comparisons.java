package io.vigil.twin.query.sql;

import io.vigil.twin.query.semantic.Expr.ComparisonOperator;

/**
 * Comparison of two typed values, following IoT Hub's routing engine (the open-source implementation of the same
 * expression language): undefined on either side gives undefined; null equals null (and is &lt;= and &gt;= it);
 * values of different types, and objects or arrays, are not comparable (undefined); strings compare by code point
 * (ordinal), numbers numerically, booleans with false &lt; true.
 */
final class Comparisons {

    private Comparisons() {
    }

    static String compare(ComparisonOperator operator, TypedSql left, TypedSql right) {
        if (left.type() == SqlType.UNDEFINED || right.type() == SqlType.UNDEFINED) {
            return "NULL::boolean";
        }
        if (left.type() == SqlType.NULL || right.type() == SqlType.NULL) {
            return withNull(operator, left.type() == SqlType.NULL ? right : left);
        }
        if (left.type() == SqlType.JSONB && right.type() == SqlType.JSONB) {
            return jsonWithJson(operator, left.sql(), right.sql());
        }
        if (left.type() == SqlType.JSONB) {
            return "(CASE WHEN jsonb_typeof(" + left.sql() + ") = '" + TypedSql.jsonTypeOf(right.type()) + "' THEN "
                    + scalar(operator, right.type(), TypedSql.extract(left.sql(), right.type()), right.sql())
                    + " END)";
        }
        if (right.type() == SqlType.JSONB) {
            return "(CASE WHEN jsonb_typeof(" + right.sql() + ") = '" + TypedSql.jsonTypeOf(left.type()) + "' THEN "
                    + scalar(operator, left.type(), left.sql(), TypedSql.extract(right.sql(), left.type()))
                    + " END)";
        }
        if (left.type() == right.type()) {
            return "(" + scalar(operator, left.type(), left.sql(), right.sql()) + ")";
        }
        return "NULL::boolean";
    }

    /** One side is the null constant; the other is anything but undefined. */
    private static String withNull(ComparisonOperator operator, TypedSql other) {
        String equalResult = operator.trueForEqualValues() ? "TRUE" : "FALSE";
        switch (other.type()) {
            case NULL:
                return equalResult;
            case JSONB:
                return "(CASE WHEN jsonb_typeof(" + other.sql() + ") = 'null' THEN " + equalResult + " END)";
            default:
                // A string, number or boolean (or undefined) is never comparable with null.
                return "NULL::boolean";
        }
    }

    private static String jsonWithJson(ComparisonOperator operator, String left, String right) {
        return "(CASE WHEN jsonb_typeof(" + left + ") = jsonb_typeof(" + right + ") THEN CASE jsonb_typeof(" + left
                + ") WHEN 'string' THEN " + scalar(operator, SqlType.TEXT, TypedSql.extract(left, SqlType.TEXT),
                TypedSql.extract(right, SqlType.TEXT))
                + " WHEN 'number' THEN " + scalar(operator, SqlType.NUMERIC, TypedSql.extract(left, SqlType.NUMERIC),
                TypedSql.extract(right, SqlType.NUMERIC))
                + " WHEN 'boolean' THEN " + scalar(operator, SqlType.BOOLEAN,
                TypedSql.extract(left, SqlType.BOOLEAN), TypedSql.extract(right, SqlType.BOOLEAN))
                + " WHEN 'null' THEN " + (operator.trueForEqualValues() ? "TRUE" : "FALSE") + " END END)";
    }

    /**
     * Two values of the same scalar type. Strings are ordered by code point (COLLATE "C"); equality needs no
     * collation, which keeps {@code device_id = $n} usable by the primary key.
     */
    private static String scalar(ComparisonOperator operator, SqlType type, String left, String right) {
        if (type == SqlType.TEXT && operator.isOrdering()) {
            return left + " COLLATE \"C\" " + operator.sql() + " " + right;
        }
        return left + " " + operator.sql() + " " + right;
    }
}
