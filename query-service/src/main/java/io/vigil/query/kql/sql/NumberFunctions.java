package io.vigil.query.kql.sql;

import io.vigil.query.kql.types.KqlType;

/** abs, round. */
final class NumberFunctions {

    private NumberFunctions() {
    }

    static void register(ScalarFunctions functions) {
        functions.register("abs", 1, 1, call -> {
            SqlValue value = call.typed(0, KqlType.LONG, KqlType.REAL, KqlType.TIMESPAN);
            return SqlValue.of("abs(" + value.sql() + ")", value.type(), value.nullable());
        });
        functions.register("round", 1, 2, call -> {
            SqlValue value = call.typed(0, KqlType.LONG, KqlType.REAL);
            if (value.type() == KqlType.LONG) {
                return value;
            }
            String digits = call.count() > 1 ? "(" + call.typed(1, KqlType.LONG).sql() + ")::integer" : "0";
            return SqlValue.of("round((" + value.sql() + ")::numeric, " + digits + ")::float8", KqlType.REAL, true);
        });
    }
}
