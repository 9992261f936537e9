package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.syntax.Expr;
import io.vigil.query.kql.syntax.Expressions;
import io.vigil.query.kql.syntax.Position;
import io.vigil.query.kql.types.KqlType;

import java.util.Set;

/**
 * The aggregation functions of summarize. Nulls are ignored (except by count); on empty input (no {@code by})
 * count/countif/dcount/sum/stdev/variance give 0, make_set/make_list give [], avg gives NaN, the rest null.
 * dcount is exact (KQL's estimate is exact below 1000 distinct values at the default accuracy).
 */
final class AggregateFunctions {

    private static final Set<String> NAMES = Set.of("count", "countif", "dcount", "dcountif", "count_distinct",
            "count_distinctif", "sum", "sumif", "avg", "avgif", "min", "minif", "max", "maxif", "make_set", "makeset",
            "make_set_if", "make_list", "makelist", "make_list_if", "make_list_with_nulls", "take_any", "any", "stdev",
            "stdevif", "stdevp", "variance", "varianceif", "variancep", "arg_max", "arg_min", "argmax", "argmin");

    /** Aggregations of KQL that this engine does not implement. */
    private static final Set<String> UNSUPPORTED = Set.of("percentile", "percentiles", "percentilew", "percentilesw",
            "hll", "hll_merge", "tdigest", "tdigest_merge", "buildschema", "make_bag", "make_bag_if", "dcount_hll",
            "binary_all_and", "binary_all_or", "binary_all_xor", "make_set_with_nulls", "take_anyif", "anyif");

    /** The default maximum of make_set/make_list, and of their deprecated aliases makeset/makelist. */
    private static final int DEFAULT_MAX_SIZE = 1_048_576;
    private static final int DEPRECATED_MAX_SIZE = 128;

    private AggregateFunctions() {
    }

    static boolean isAggregate(String name) {
        return NAMES.contains(name) || UNSUPPORTED.contains(name);
    }

    static Set<String> names() {
        return NAMES;
    }

    static boolean isArgExtreme(String name) {
        return name.equals("arg_max") || name.equals("arg_min") || name.equals("argmax") || name.equals("argmin");
    }

    static SqlValue compile(Expr.Call call, ExpressionCompiler rows, AggregateCollector collector) {
        String name = call.name();
        if (UNSUPPORTED.contains(name)) {
            throw call.position().error(KqlErrorCodes.UNSUPPORTED, "the aggregation " + name + "() is not supported");
        }
        Arguments arguments = new Arguments(call, rows);
        switch (name) {
            case "count":
                arguments.count(0, 1);
                if (arguments.size() == 1) {
                    arguments.value(0); // checked, but count(x) counts every row, nulls included
                }
                return collector.grouped("count(*)", KqlType.LONG, false);
            case "countif":
                arguments.count(1, 1);
                return collector.grouped("count(*) FILTER (WHERE " + filter(arguments, 0, collector) + ")", KqlType.LONG, false);
            case "dcount":
            case "count_distinct":
                arguments.count(1, 2);
                checkAccuracy(arguments, 1);
                return collector.distinctCount(collector.pre(arguments.value(0)));
            case "dcountif":
            case "count_distinctif":
                arguments.count(2, 3);
                checkAccuracy(arguments, 2);
                return collector.grouped("count(DISTINCT " + collector.atGrouped(collector.pre(arguments.value(0)))
                        + ") FILTER (WHERE " + filter(arguments, 1, collector) + ")", KqlType.LONG, false);
            case "sum":
                arguments.count(1, 1);
                return sum(arguments.number(0, true), "", collector);
            case "sumif":
                arguments.count(2, 2);
                return sum(arguments.number(0, true), filterClause(arguments, 1, collector), collector);
            case "avg":
                arguments.count(1, 1);
                return avg(arguments.number(0, true), "", collector);
            case "avgif":
                arguments.count(2, 2);
                return avg(arguments.number(0, true), filterClause(arguments, 1, collector), collector);
            case "min":
            case "max":
                arguments.count(1, 1);
                return extreme(name, arguments.orderable(0), "", collector);
            case "minif":
            case "maxif":
                arguments.count(2, 2);
                return extreme(name.substring(0, 3), arguments.orderable(0), filterClause(arguments, 1, collector), collector);
            case "make_set":
            case "makeset":
                arguments.count(1, 2);
                return collection(arguments, true, null, maxSize(arguments, 1, name), collector);
            case "make_set_if":
                arguments.count(2, 3);
                return collection(arguments, true, filter(arguments, 1, collector), maxSize(arguments, 2, name), collector);
            case "make_list":
            case "makelist":
                arguments.count(1, 2);
                return collection(arguments, false, null, maxSize(arguments, 1, name), collector);
            case "make_list_if":
                arguments.count(2, 3);
                return collection(arguments, false, filter(arguments, 1, collector), maxSize(arguments, 2, name), collector);
            case "make_list_with_nulls":
                arguments.count(1, 2);
                return listWithNulls(arguments, maxSize(arguments, 1, name), collector);
            case "take_any":
            case "any":
                arguments.count(1, 1);
                return takeAny(arguments.value(0), collector);
            case "stdev":
            case "stdevp":
            case "variance":
            case "variancep":
                arguments.count(1, 1);
                return spread(name, arguments.number(0, false), "", collector);
            case "stdevif":
            case "varianceif":
                arguments.count(2, 2);
                return spread(name.substring(0, name.length() - 2), arguments.number(0, false),
                        filterClause(arguments, 1, collector), collector);
            default:
                throw new IllegalStateException("aggregate without implementation: " + name);
        }
    }

    private static String filter(Arguments arguments, int index, AggregateCollector collector) {
        SqlValue predicate = arguments.rows.asBool(arguments.value(index), arguments.position(index));
        return collector.atGrouped(collector.pre(predicate));
    }

    private static String filterClause(Arguments arguments, int index, AggregateCollector collector) {
        return " FILTER (WHERE " + filter(arguments, index, collector) + ")";
    }

    private static void checkAccuracy(Arguments arguments, int index) {
        if (arguments.size() > index) {
            SqlValue accuracy = arguments.value(index);
            if (!accuracy.isConstant() || !(accuracy.constantValue() instanceof Long level) || level < 0 || level > 4) {
                throw arguments.position(index).error(KqlErrorCodes.ARGUMENTS, "the dcount accuracy must be a literal 0 to 4");
            }
        }
    }

    private static SqlValue sum(SqlValue value, String filter, AggregateCollector collector) {
        String column = collector.atGrouped(collector.pre(value));
        switch (value.type()) {
            case REAL:
                return collector.grouped("coalesce(sum(" + column + ")" + filter + ", 0)", KqlType.REAL, false);
            case TIMESPAN:
                return collector.grouped("coalesce(sum(" + column + ")" + filter + ", 0)::bigint", KqlType.TIMESPAN, false);
            default:
                return collector.grouped("coalesce(sum(" + column + ")" + filter + ", 0)::bigint", KqlType.LONG, false);
        }
    }

    private static SqlValue avg(SqlValue value, String filter, AggregateCollector collector) {
        String column = collector.atGrouped(collector.pre(value));
        if (value.type() == KqlType.TIMESPAN) {
            return collector.grouped("round(avg(" + column + ")" + filter + ")::bigint", KqlType.TIMESPAN, true);
        }
        return collector.grouped("coalesce((avg(" + column + ")" + filter + ")::float8, 'NaN'::float8)", KqlType.REAL, false);
    }

    private static SqlValue extreme(String function, SqlValue value, String filter, AggregateCollector collector) {
        String column = collector.atGrouped(collector.pre(value));
        switch (value.type()) {
            case STRING:
                return collector.grouped("coalesce(" + function + "(" + column + " COLLATE \"C\")" + filter + ", '')",
                        KqlType.STRING, false);
            case BOOL:
                return collector.grouped((function.equals("max") ? "bool_or(" : "bool_and(") + column + ")" + filter,
                        KqlType.BOOL, true);
            default:
                return collector.grouped(function + "(" + column + ")" + filter, value.type(), true);
        }
    }

    private static SqlValue takeAny(SqlValue value, AggregateCollector collector) {
        String column = collector.atGrouped(collector.pre(value));
        switch (value.type()) {
            case STRING:
                return collector.grouped("coalesce(min(" + column + " COLLATE \"C\"), '')", KqlType.STRING, false);
            case BOOL:
                return collector.grouped("bool_or(" + column + ")", KqlType.BOOL, true);
            case DYNAMIC:
                return collector.grouped("(array_agg(" + column + ") FILTER (WHERE " + column + " IS NOT NULL))[1]",
                        KqlType.DYNAMIC, true);
            default:
                return collector.grouped("min(" + column + ")", value.type(), true);
        }
    }

    private static SqlValue spread(String function, SqlValue value, String filter, AggregateCollector collector) {
        String column = collector.atGrouped(collector.pre(value)) + "::float8";
        String sqlFunction = switch (function) {
            case "stdev" -> "stddev_samp";
            case "stdevp" -> "stddev_pop";
            case "variance" -> "var_samp";
            default -> "var_pop";
        };
        // one value: KQL says 0, SQL's sample functions say null
        return collector.grouped("coalesce(" + sqlFunction + "(" + column + ")" + filter + ", 0)::float8", KqlType.REAL, false);
    }

    /**
     * make_set (distinct values, in ordinal order so that results are stable) and make_list (values in input
     * order when the input is sorted), as a JSON array. Datetimes and timespans are held as their KQL text.
     */
    private static SqlValue collection(Arguments arguments, boolean distinct, String predicate, String maxSize,
                                       AggregateCollector collector) {
        SqlValue value = arguments.value(0);
        SqlValue element = jsonElement(value, collector);
        String column = collector.atGrouped(collector.pre(element));
        String condition = column + " IS NOT NULL" + (predicate == null ? "" : " AND " + predicate);
        String aggregate;
        if (distinct) {
            String key = column + (element.type() == KqlType.STRING ? " COLLATE \"C\"" : "");
            aggregate = "array_agg(DISTINCT " + key + " ORDER BY " + key + ")";
        } else {
            aggregate = "array_agg(" + column + collector.inputOrderSql() + ")";
        }
        return collector.grouped("coalesce(to_jsonb((" + aggregate + " FILTER (WHERE " + condition + "))[1:" + maxSize
                + "]), '[]'::jsonb)", KqlType.DYNAMIC, false);
    }

    private static SqlValue listWithNulls(Arguments arguments, String maxSize, AggregateCollector collector) {
        SqlValue element = jsonElement(arguments.value(0), collector);
        String column = collector.atGrouped(collector.pre(element));
        String aggregate = "array_agg(" + column + collector.inputOrderSql() + ")";
        return collector.grouped("coalesce(to_jsonb((" + aggregate + ")[1:" + maxSize + "]), '[]'::jsonb)",
                KqlType.DYNAMIC, false);
    }

    /** Datetimes, timespans and guids go into the JSON array as their KQL text, nulls staying null. */
    private static SqlValue jsonElement(SqlValue value, AggregateCollector collector) {
        switch (value.type()) {
            case DATETIME:
            case TIMESPAN:
            case GUID:
                return collector.services().conversions.toDynamic(value);
            default:
                return value;
        }
    }

    /** The size limit: a literal, or the default (128 for the deprecated makeset/makelist, 1048576 otherwise). */
    private static String maxSize(Arguments arguments, int index, String function) {
        if (arguments.size() <= index) {
            return String.valueOf(function.equals("makeset") || function.equals("makelist") ? DEPRECATED_MAX_SIZE : DEFAULT_MAX_SIZE);
        }
        SqlValue size = arguments.value(index);
        if (size.type() != KqlType.LONG && size.type() != KqlType.INT) {
            throw arguments.position(index).error(KqlErrorCodes.TYPE, function + "(): the maximum size must be a long");
        }
        return "(" + size.sql() + ")::integer";
    }

    /** The arguments of an aggregation, compiled per row. */
    private static final class Arguments {

        private final Expr.Call call;
        private final ExpressionCompiler rows;
        private final SqlValue[] values;

        Arguments(Expr.Call call, ExpressionCompiler rows) {
            this.call = call;
            this.rows = rows;
            this.values = new SqlValue[call.arguments().size()];
        }

        int size() {
            return values.length;
        }

        Position position(int index) {
            return Expressions.start(call.arguments().get(index));
        }

        void count(int min, int max) {
            if (values.length < min || values.length > max) {
                throw call.position().error(KqlErrorCodes.ARGUMENTS, call.name() + "() takes "
                        + (min == max ? String.valueOf(min) : min + " to " + max) + " argument(s), got " + values.length);
            }
            for (Expr argument : call.arguments()) {
                if (argument instanceof Expr.Star) {
                    throw argument.position().error(KqlErrorCodes.ARGUMENTS, call.name() + "() does not take '*'");
                }
            }
        }

        SqlValue value(int index) {
            if (values[index] == null) {
                values[index] = rows.compile(call.arguments().get(index));
            }
            return values[index];
        }

        SqlValue number(int index, boolean timespanAllowed) {
            SqlValue value = value(index);
            if (value.type() == KqlType.DYNAMIC) {
                return rows.services().conversions.toReal(value, position(index));
            }
            if (!value.type().isNumeric() && !(timespanAllowed && value.type() == KqlType.TIMESPAN)) {
                throw position(index).error(KqlErrorCodes.TYPE, call.name() + "() needs a number, not a " + value.type());
            }
            return value;
        }

        SqlValue orderable(int index) {
            SqlValue value = value(index);
            if (!value.type().isOrderable()) {
                throw position(index).error(KqlErrorCodes.TYPE, call.name() + "() cannot order dynamic values; convert them first");
            }
            return value;
        }
    }
}
