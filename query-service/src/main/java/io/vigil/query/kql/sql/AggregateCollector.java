package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.syntax.Expr;
import io.vigil.query.kql.types.KqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the pieces of one summarize as it is compiled. Summarize becomes four nested SELECTs:
 * <ol>
 * <li>pre: the group keys and every aggregation argument, computed per input row ({@code p1, p2, ...});</li>
 * <li>window: row numbers ranking the rows of each group, for arg_max / arg_min ({@code r1, ...});</li>
 * <li>grouped: {@code GROUP BY} the keys, one aggregate per column ({@code g1, ...});</li>
 * <li>post: the output columns, which may compute over the aggregates ({@code count() * 2}).</li>
 * </ol>
 * An aggregation met while compiling an output expression registers its arguments and its aggregate here and
 * stands, in the output expression, for the grouped column.
 */
final class AggregateCollector {

    private final CompilerServices services;
    /** Alias of the pre level as the window level reads it. */
    final String preAlias;
    /** Alias of the window level as the grouped level reads it. */
    final String windowAlias;
    /** Alias of the grouped level as the post level reads it. */
    final String groupedAlias;
    private final List<String> preColumns = new ArrayList<>();
    private final List<String> keyColumns = new ArrayList<>();
    private final List<String> windowColumns = new ArrayList<>();
    private final List<String> groupedColumns = new ArrayList<>();
    private final String inputAlias;
    private final List<Relation.OrderKey> inputOrder;
    private List<String> inputOrderColumns;
    private String pickedRowOrder;
    /** The summarize's first aggregate, when it is a distinct count: its pre-level column and its grouped name. */
    private String firstDistinctCountColumn;
    private String firstDistinctCountName;
    private int counter;

    AggregateCollector(CompilerServices services, String inputAlias, List<Relation.OrderKey> inputOrder) {
        this.services = services;
        this.inputAlias = inputAlias;
        this.preAlias = services.context.newAlias();
        this.windowAlias = services.context.newAlias();
        this.groupedAlias = services.context.newAlias();
        this.inputOrder = inputOrder;
    }

    /** Adds a group key computed per row; returns its column name. */
    String key(SqlValue value) {
        String name = "k" + (keyColumns.size() + 1);
        preColumns.add(value.sql() + " AS " + name);
        keyColumns.add(name);
        return name;
    }

    /** Adds a per-row value; returns its column name (see {@link #atWindow} and {@link #atGrouped}). */
    String pre(SqlValue value) {
        String name = "p" + (++counter);
        preColumns.add(value.sql() + " AS " + name);
        return name;
    }

    /** A pre-level column as the window level reads it. */
    String atWindow(String column) {
        return preAlias + "." + column;
    }

    /** A pre-level or window-level column as the grouped level reads it. */
    String atGrouped(String column) {
        return windowAlias + "." + column;
    }

    /**
     * Adds a row number over each group, ranking by {@code orderSql} (written against the window level's input);
     * returns how the grouped level reads it.
     */
    String rank(String orderSql) {
        String name = "r" + (++counter);
        String partition = keyColumns.isEmpty() ? "" : "PARTITION BY " + String.join(", ",
                keyColumns.stream().map(k -> preAlias + "." + k).toList()) + " ";
        windowColumns.add("row_number() OVER (" + partition + "ORDER BY " + orderSql + ") AS " + name);
        return atGrouped(name);
    }

    /**
     * Makes the grouped level keep one whole row per group, the first by {@code orderSql} (written against the
     * grouped level's input), instead of aggregating: {@code DISTINCT ON} the keys. For a summarize whose only
     * aggregation is one arg_max / arg_min, this is one sort where a row number window and a filtered array_agg
     * per column are a sort, a window pass and a second aggregation.
     */
    void pickRowBy(String orderSql) {
        if (keyColumns.isEmpty()) {
            throw new IllegalStateException("picking one row per group needs group keys");
        }
        pickedRowOrder = orderSql;
    }

    /**
     * Adds the number of distinct non-null values of a pre-level column (dcount). When it is the summarize's only
     * aggregate, the grouped level first reduces the rows to the distinct (keys, value) pairs and then counts them:
     * two hash aggregations where {@code count(DISTINCT)} needs the whole input sorted by the keys. On a week of
     * alerts (240,000 rows, 10,000 groups) psql measured 550 ms against 1,275 ms for the sort.
     */
    SqlValue distinctCount(String preColumn) {
        boolean first = groupedColumns.isEmpty();
        String name = addGrouped("count(DISTINCT " + atGrouped(preColumn) + ")");
        if (first) {
            firstDistinctCountColumn = preColumn;
            firstDistinctCountName = name;
        }
        return SqlValue.of(groupedAlias + "." + name, KqlType.LONG, false);
    }

    /** Adds an aggregate column; returns the value as the post level reads it. */
    SqlValue grouped(String aggregateSql, KqlType type, boolean nullable) {
        return SqlValue.of(groupedAlias + "." + addGrouped(aggregateSql), type, nullable);
    }

    private String addGrouped(String aggregateSql) {
        String name = "g" + (++counter);
        groupedColumns.add(aggregateSql + " AS " + name);
        return name;
    }

    /**
     * The input's sort keys as the grouped level reads them (make_list follows the input order when the input is
     * sorted), or an empty string when the input has no order.
     */
    String inputOrderSql() {
        if (inputOrder.isEmpty()) {
            return "";
        }
        if (inputOrderColumns == null) {
            inputOrderColumns = new ArrayList<>();
            for (Relation.OrderKey key : inputOrder) {
                // a string key is never null (KQL has no string null), any other may be
                String name = pre(SqlValue.of(inputAlias + "." + key.sqlName(), key.type(), key.type() != KqlType.STRING));
                inputOrderColumns.add(OrderBySql.key(atGrouped(name), key.type(), key.descending(), key.nullsFirst()));
            }
        }
        return " ORDER BY " + String.join(", ", inputOrderColumns);
    }

    /** Compiles an aggregation call met in an output expression. */
    SqlValue aggregate(Expr.Call call, ExpressionCompiler rowCompiler) {
        if (AggregateFunctions.isArgExtreme(call.name())) {
            throw call.position().error(KqlErrorCodes.TYPE, call.name()
                    + "() must be a summarize aggregation on its own, not part of an expression");
        }
        return AggregateFunctions.compile(call, rowCompiler, this);
    }

    CompilerServices services() {
        return services;
    }

    /** Whether the summarize has neither a by key nor an aggregation (only constants): nothing to group by. */
    boolean isEmpty() {
        return keyColumns.isEmpty() && groupedColumns.isEmpty();
    }

    /** The four levels around the input relation's SELECT. */
    String sql(String inputSql, List<String> postColumns) {
        String pre = "SELECT " + (preColumns.isEmpty() ? "1 AS p0" : String.join(", ", preColumns))
                + " FROM (" + inputSql + ") AS " + inputAlias;
        String window = "SELECT " + preAlias + ".*" + (windowColumns.isEmpty() ? "" : ", " + String.join(", ", windowColumns))
                + " FROM (" + pre + ") AS " + preAlias;
        List<String> groupedSelect = new ArrayList<>();
        for (String key : keyColumns) {
            groupedSelect.add(windowAlias + "." + key);
        }
        groupedSelect.addAll(groupedColumns);
        String keys = String.join(", ", keyColumns.stream().map(k -> windowAlias + "." + k).toList());
        String grouped;
        if (pickedRowOrder != null) {
            grouped = "SELECT DISTINCT ON (" + keys + ") " + String.join(", ", groupedSelect)
                    + " FROM (" + window + ") AS " + windowAlias + " ORDER BY " + keys + ", " + pickedRowOrder;
        } else if (groupedColumns.size() == 1 && firstDistinctCountColumn != null && windowColumns.isEmpty()) {
            String value = atGrouped(firstDistinctCountColumn);
            String pairs = keys.isEmpty() ? value : keys + ", " + value;
            List<String> outer = new ArrayList<>(groupedSelect.subList(0, keyColumns.size()));
            outer.add("count(" + value + ") AS " + firstDistinctCountName);
            grouped = "SELECT " + String.join(", ", outer) + " FROM (SELECT " + pairs + " FROM (" + window + ") AS "
                    + windowAlias + " GROUP BY " + pairs + ") AS " + windowAlias + (keyColumns.isEmpty() ? "" : " GROUP BY " + keys);
        } else {
            grouped = "SELECT " + (groupedSelect.isEmpty() ? "1 AS g0" : String.join(", ", groupedSelect))
                    + " FROM (" + window + ") AS " + windowAlias + (keyColumns.isEmpty() ? "" : " GROUP BY " + keys);
        }
        if (keyColumns.isEmpty() && groupedColumns.isEmpty()) {
            throw new IllegalStateException("summarize without keys or aggregates");
        }
        return "SELECT " + String.join(", ", postColumns) + " FROM (" + grouped + ") AS " + groupedAlias;
    }
}
