package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.syntax.BinaryOperator;
import io.vigil.query.kql.syntax.Position;
import io.vigil.query.kql.types.KqlType;

/**
 * {@code == != < <= > >=} with KQL's null rules: {@code ==} with exactly one null is false, {@code !=} with
 * exactly one null is true, both null gives null; ordering comparisons with a null give null. Strings compare
 * ordinally (code points), not by the database collation.
 */
final class Comparisons {

    private final Conversions conversions;

    Comparisons(Conversions conversions) {
        this.conversions = conversions;
    }

    SqlValue compare(BinaryOperator operator, SqlValue left, SqlValue right, Position position) {
        SqlValue[] operands = unify(left, right, operator, position);
        SqlValue a = operands[0];
        SqlValue b = operands[1];
        if (operator == BinaryOperator.EQUAL || operator == BinaryOperator.NOT_EQUAL) {
            return equality(operator == BinaryOperator.EQUAL, a, b);
        }
        if (!a.type().isOrderable()) {
            throw position.error(KqlErrorCodes.TYPE, "'" + operator.text() + "' cannot compare dynamic values; convert them first (tolong(), tostring(), ...)");
        }
        String collate = a.type() == KqlType.STRING ? " COLLATE \"C\"" : "";
        return SqlValue.of("((" + a.sql() + ")" + collate + " " + operator.text() + " (" + b.sql() + "))", KqlType.BOOL,
                a.nullable() || b.nullable());
    }

    static SqlValue equality(boolean equal, SqlValue a, SqlValue b) {
        String sqlOperator = equal ? "=" : "<>";
        String plain = "((" + a.sql() + ") " + sqlOperator + " (" + b.sql() + "))";
        if (!a.nullable() && !b.nullable()) {
            return SqlValue.notNull(plain, KqlType.BOOL);
        }
        if (!a.nullable() || !b.nullable()) {
            return SqlValue.notNull("coalesce(" + plain + ", " + (equal ? "false" : "true") + ")", KqlType.BOOL);
        }
        String distinct = equal ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM";
        return SqlValue.of("(CASE WHEN (" + a.sql() + ") IS NULL AND (" + b.sql() + ") IS NULL THEN NULL ELSE (" + a.sql()
                + ") " + distinct + " (" + b.sql() + ") END)", KqlType.BOOL, true);
    }

    /**
     * Brings both operands to one comparable type: numbers compare across int/long/real; a dynamic compared with a
     * scalar is converted to the scalar's type; a guid compares with a string.
     */
    SqlValue[] unify(SqlValue left, SqlValue right, BinaryOperator operator, Position position) {
        KqlType l = left.type();
        KqlType r = right.type();
        if (l == r || (l.isNumeric() && r.isNumeric())) {
            return new SqlValue[] {left, right};
        }
        if (l == KqlType.DYNAMIC) {
            return new SqlValue[] {conversions.to(r, left, position), right};
        }
        if (r == KqlType.DYNAMIC) {
            return new SqlValue[] {left, conversions.to(l, right, position)};
        }
        if ((l == KqlType.GUID && r == KqlType.STRING) || (l == KqlType.STRING && r == KqlType.GUID)) {
            return new SqlValue[] {
                SqlValue.of("lower(" + left.sql() + ")", KqlType.GUID, left.nullable()),
                SqlValue.of("lower(" + right.sql() + ")", KqlType.GUID, right.nullable())};
        }
        throw position.error(KqlErrorCodes.TYPE, "cannot compare a " + l + " with a " + r + " using '" + operator.text() + "'");
    }
}
