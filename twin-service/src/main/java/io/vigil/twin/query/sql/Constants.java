package io.vigil.twin.query.sql;

import io.vigil.twin.query.semantic.Expr;

import java.math.BigDecimal;

/** How constants of a query become parameters. */
final class Constants {

    private Constants() {
    }

    /**
     * The value bound for a constant: String, Boolean, Long for whole numbers that fit, Double otherwise
     * (null for the null constant).
     */
    static Object bindable(Expr.Constant constant) {
        switch (constant.kind()) {
            case NUMBER:
                return number((BigDecimal) constant.value());
            case NULL:
            case UNDEFINED:
                return null;
            default:
                return constant.value();
        }
    }

    static Object number(BigDecimal value) {
        if (value.signum() == 0 || value.stripTrailingZeros().scale() <= 0) {
            try {
                return value.longValueExact();
            } catch (ArithmeticException tooLarge) {
                return value.doubleValue();
            }
        }
        return value.doubleValue();
    }

    /** SQL numeric for a bound number. A double goes through its shortest text so that 0.1 stays 0.1 exactly. */
    static String numericSql(Object number, SqlParameters parameters) {
        String placeholder = parameters.bind(number);
        return number instanceof Long ? "(" + placeholder + "::numeric)" : "(" + placeholder + "::text::numeric)";
    }

    /** The JSON text of a constant that is a JSON value (not undefined). */
    static String json(Expr.Constant constant) {
        return JsonText.scalar(bindable(constant));
    }
}
