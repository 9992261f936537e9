package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.syntax.BinaryOperator;
import io.vigil.query.kql.syntax.Position;
import io.vigil.query.kql.types.KqlType;

/**
 * {@code + - * / %} with KQL's typing: any real makes a real, int and long make a long (integer division truncates),
 * modulo is never negative, integer division by zero is null and real division by zero is ±infinity or NaN;
 * datetime - datetime is a timespan; datetime ± timespan a datetime; timespan * number a timespan;
 * timespan / timespan a real. A dynamic operand is read as a real.
 */
final class Arithmetic {

    private final CompilationContext context;
    private final Conversions conversions;

    Arithmetic(CompilationContext context, Conversions conversions) {
        this.context = context;
        this.conversions = conversions;
    }

    SqlValue apply(BinaryOperator operator, SqlValue left, SqlValue right, Position position) {
        if (left.type() == KqlType.DYNAMIC) {
            left = conversions.toReal(left, position);
        }
        if (right.type() == KqlType.DYNAMIC) {
            right = conversions.toReal(right, position);
        }
        boolean nullable = left.nullable() || right.nullable();
        KqlType l = left.type();
        KqlType r = right.type();
        if (l.isNumeric() && r.isNumeric()) {
            return numbers(operator, left, right, nullable);
        }
        String a = "(" + left.sql() + ")";
        String b = "(" + right.sql() + ")";
        switch (operator) {
            case ADD:
                if (l == KqlType.DATETIME && r == KqlType.TIMESPAN) {
                    return SqlValue.of("(" + a + " + " + ticksAsInterval(b) + ")", KqlType.DATETIME, nullable);
                }
                if (l == KqlType.TIMESPAN && r == KqlType.DATETIME) {
                    return SqlValue.of("(" + b + " + " + ticksAsInterval(a) + ")", KqlType.DATETIME, nullable);
                }
                if (l == KqlType.TIMESPAN && r == KqlType.TIMESPAN) {
                    return SqlValue.of("(" + a + " + " + b + ")", KqlType.TIMESPAN, nullable);
                }
                break;
            case SUBTRACT:
                if (l == KqlType.DATETIME && r == KqlType.DATETIME) {
                    return SqlValue.of("(extract(epoch from (" + a + " - " + b + ")) * " + Conversions.TICKS_PER_SECOND
                            + ")::bigint", KqlType.TIMESPAN, nullable);
                }
                if (l == KqlType.DATETIME && r == KqlType.TIMESPAN) {
                    return SqlValue.of("(" + a + " - " + ticksAsInterval(b) + ")", KqlType.DATETIME, nullable);
                }
                if (l == KqlType.TIMESPAN && r == KqlType.TIMESPAN) {
                    return SqlValue.of("(" + a + " - " + b + ")", KqlType.TIMESPAN, nullable);
                }
                break;
            case MULTIPLY:
                if (l == KqlType.TIMESPAN && r.isNumeric()) {
                    return scaleTimespan(a, b, r, nullable);
                }
                if (l.isNumeric() && r == KqlType.TIMESPAN) {
                    return scaleTimespan(b, a, l, nullable);
                }
                break;
            case DIVIDE:
                if (l == KqlType.TIMESPAN && r == KqlType.TIMESPAN) {
                    return SqlValue.of("(" + a + "::float8 / NULLIF(" + b + ", 0))", KqlType.REAL, true);
                }
                if (l == KqlType.TIMESPAN && r.isNumeric()) {
                    if (r == KqlType.REAL) {
                        return SqlValue.of(conversions.toLong(SqlValue.of("(" + a + "::float8 / NULLIF(" + b + ", 0))",
                                KqlType.REAL, true), position).sql(), KqlType.TIMESPAN, true);
                    }
                    return SqlValue.of("(" + a + " / NULLIF(" + b + ", 0))", KqlType.TIMESPAN, true);
                }
                break;
            default:
                break;
        }
        throw position.error(KqlErrorCodes.TYPE, "'" + operator.text() + "' cannot combine a " + l + " and a " + r);
    }

    SqlValue negate(SqlValue operand, Position position) {
        SqlValue value = operand.type() == KqlType.DYNAMIC ? conversions.toReal(operand, position) : operand;
        KqlType type = value.type();
        if (!type.isNumeric() && type != KqlType.TIMESPAN) {
            throw position.error(KqlErrorCodes.TYPE, "unary '-' needs a number or a timespan, not a " + type);
        }
        String sql = type == KqlType.INT ? "(-(" + value.sql() + ")::bigint)" : "(-(" + value.sql() + "))";
        return SqlValue.of(sql, type == KqlType.INT ? KqlType.LONG : type, value.nullable());
    }

    /** A tick count as a PostgreSQL interval of microseconds (the finest PostgreSQL keeps). */
    static String ticksAsInterval(String ticks) {
        return "(interval '1 microsecond' * (" + ticks + " / 10))";
    }

    private SqlValue scaleTimespan(String ticks, String factor, KqlType factorType, boolean nullable) {
        if (factorType == KqlType.REAL) {
            return SqlValue.of("round(" + ticks + " * " + factor + ")::bigint", KqlType.TIMESPAN, nullable);
        }
        return SqlValue.of("(" + ticks + " * " + factor + "::bigint)", KqlType.TIMESPAN, nullable);
    }

    private SqlValue numbers(BinaryOperator operator, SqlValue left, SqlValue right, boolean nullable) {
        boolean real = left.type() == KqlType.REAL || right.type() == KqlType.REAL;
        String cast = real ? "::float8" : "::bigint";
        String a = "(" + left.sql() + ")" + cast;
        String b = "(" + right.sql() + ")" + cast;
        KqlType type = real ? KqlType.REAL : KqlType.LONG;
        switch (operator) {
            case ADD:
                return SqlValue.of("(" + a + " + " + b + ")", type, nullable);
            case SUBTRACT:
                return SqlValue.of("(" + a + " - " + b + ")", type, nullable);
            case MULTIPLY:
                return SqlValue.of("(" + a + " * " + b + ")", type, nullable);
            case DIVIDE:
                if (!real) {
                    return SqlValue.of("(" + a + " / NULLIF(" + b + ", 0))", type, true);
                }
                return SqlValue.of(context.share(a, x -> context.share(b, y -> "(CASE WHEN " + y + " = 0 THEN (CASE WHEN "
                        + x + " > 0 THEN 'Infinity'::float8 WHEN " + x + " < 0 THEN '-Infinity'::float8 ELSE 'NaN'::float8 END) ELSE "
                        + x + " / " + y + " END)")), type, nullable);
            case MODULO:
                if (!real) {
                    return SqlValue.of(context.share(b, y -> "mod(mod(" + a + ", NULLIF(abs(" + y + "), 0)) + abs(" + y
                            + "), NULLIF(abs(" + y + "), 0))"), type, true);
                }
                return SqlValue.of(context.share(a, x -> context.share(b, y -> "(CASE WHEN " + y + " = 0 THEN NULL ELSE "
                        + x + " - abs(" + y + ") * floor(" + x + " / abs(" + y + ")) END)")), type, true);
            default:
                throw new IllegalStateException("not arithmetic: " + operator);
        }
    }
}
