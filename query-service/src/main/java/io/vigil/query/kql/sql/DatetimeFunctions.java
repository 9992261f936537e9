package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.types.KqlType;

/** now, ago, bin/floor, startofday. Every now() and ago() of a statement reads the same instant. */
final class DatetimeFunctions {

    private DatetimeFunctions() {
    }

    static void register(ScalarFunctions functions) {
        functions.register("now", 0, 1, DatetimeFunctions::now);
        functions.register("ago", 1, 1, call -> {
            SqlValue span = call.typed(0, KqlType.TIMESPAN);
            return SqlValue.of("(" + call.context().now() + " - " + Arithmetic.ticksAsInterval("(" + span.sql() + ")") + ")",
                    KqlType.DATETIME, span.nullable());
        });
        functions.register("bin", 2, 2, DatetimeFunctions::bin);
        functions.register("floor", 2, 2, DatetimeFunctions::bin);
        functions.register("startofday", 1, 1, call -> {
            SqlValue value = call.typed(0, KqlType.DATETIME);
            return SqlValue.of("(date_trunc('day', (" + value.sql() + ") AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')",
                    KqlType.DATETIME, value.nullable());
        });
    }

    private static SqlValue now(FunctionCall call) {
        String now = call.context().now();
        if (call.count() == 0) {
            return SqlValue.notNull(now, KqlType.DATETIME);
        }
        SqlValue offset = call.typed(0, KqlType.TIMESPAN);
        return SqlValue.of("(" + now + " + " + Arithmetic.ticksAsInterval("(" + offset.sql() + ")") + ")",
                KqlType.DATETIME, offset.nullable());
    }

    /**
     * The largest multiple of the bin size not above the value. Datetimes are binned in ticks counted from
     * 0001-01-01, as KQL does (so 7-day bins do not start on the Unix epoch's Thursday). A null, zero or negative
     * size gives null.
     */
    private static SqlValue bin(FunctionCall call) {
        SqlValue value = call.arg(0);
        SqlValue size = call.arg(1);
        CompilationContext context = call.context();
        boolean positiveConstant = size.isConstant() && size.constantValue() instanceof Number n && n.doubleValue() > 0;
        boolean nullable = value.nullable() || !positiveConstant;
        KqlType v = value.type();
        KqlType s = size.type();
        if (v == KqlType.DATETIME && s == KqlType.TIMESPAN) {
            String sql = context.share(size.sql(), b -> context.share(value.sql(), x -> "(CASE WHEN " + b
                    + " > 0 THEN '1970-01-01 00:00:00+00'::timestamptz + interval '1 microsecond' * ((floor(((extract(epoch from "
                    + x + ") * " + Conversions.TICKS_PER_SECOND + ") + " + Conversions.TICKS_TO_UNIX_EPOCH + ") / " + b + ") * "
                    + b + " - " + Conversions.TICKS_TO_UNIX_EPOCH + ") / 10) END)"));
            return SqlValue.of(sql, KqlType.DATETIME, nullable);
        }
        boolean integers = (v == KqlType.LONG || v == KqlType.INT) && (s == KqlType.LONG || s == KqlType.INT);
        if (integers || (v == KqlType.TIMESPAN && s == KqlType.TIMESPAN)) {
            String sql = context.share("(" + size.sql() + ")::bigint", b -> context.share("(" + value.sql() + ")::bigint",
                    x -> "(CASE WHEN " + b + " > 0 THEN " + x + " - mod(mod(" + x + ", " + b + ") + " + b + ", " + b + ") END)"));
            return SqlValue.of(sql, v == KqlType.TIMESPAN ? KqlType.TIMESPAN : KqlType.LONG, nullable);
        }
        if (v.isNumeric() && s.isNumeric()) {
            String sql = context.share("(" + size.sql() + ")::float8", b -> context.share("(" + value.sql() + ")::float8",
                    x -> "(CASE WHEN " + b + " > 0 THEN floor(" + x + " / " + b + ") * " + b + " END)"));
            return SqlValue.of(sql, KqlType.REAL, nullable);
        }
        throw call.position().error(KqlErrorCodes.TYPE, call.name() + "() cannot bin a " + v + " by a " + s);
    }
}
