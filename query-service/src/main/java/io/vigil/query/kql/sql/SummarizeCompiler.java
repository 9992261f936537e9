package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.binding.Binding;
import io.vigil.query.kql.binding.ColumnNaming;
import io.vigil.query.kql.binding.Environment;
import io.vigil.query.kql.binding.UniqueNames;
import io.vigil.query.kql.syntax.Assignment;
import io.vigil.query.kql.syntax.Expr;
import io.vigil.query.kql.syntax.Expressions;
import io.vigil.query.kql.syntax.TabularOperator;
import io.vigil.query.kql.types.KqlType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * summarize: the {@code by} columns first, then the aggregations, one row per distinct key combination (one row
 * in all when there is no {@code by}, even on empty input). Dynamic keys are rejected, as in KQL.
 */
final class SummarizeCompiler {

    private final CompilerServices services;

    SummarizeCompiler(CompilerServices services) {
        this.services = services;
    }

    Relation compile(TabularOperator.Summarize summarize, Relation input, Environment environment) {
        String inputAlias = services.context.newAlias();
        RowScope row = RowScope.of(input, inputAlias);
        ExpressionCompiler rowCompiler = new ExpressionCompiler(services, environment, row, null);
        AggregateCollector collector = new AggregateCollector(services, inputAlias, input.order());
        UniqueNames names = new UniqueNames();
        List<String> post = new ArrayList<>();
        List<Relation.Column> columns = new ArrayList<>();
        Set<String> keyNames = new HashSet<>();

        for (Assignment group : summarize.groups()) {
            if (group.names().size() > 1) {
                throw group.position().error(KqlErrorCodes.SYNTAX, "a 'by' key has one name");
            }
            SqlValue key = rowCompiler.compile(group.expression());
            if (key.type() == KqlType.DYNAMIC) {
                String label = ColumnNaming.derive(group.expression(), row::contains).orElse("expression");
                throw Expressions.start(group.expression()).error(KqlErrorCodes.TYPE, "summarize group key '" + label
                        + "' is of a 'dynamic' type; use an explicit cast (for example 'summarize ... by tostring("
                        + label + ")') as grouping by a 'dynamic' type is not supported");
            }
            String column = collector.key(key);
            String name = group.isNamed() ? names.explicit(group.names().get(0), group.position())
                    : ColumnNaming.derive(group.expression(), row::contains).map(names::derived)
                            .orElseGet(() -> names.numbered("Column", 1));
            keyNames.add(name);
            add(post, columns, collector.groupedAlias + "." + column, name, key);
        }

        ExpressionCompiler aggregateCompiler = new ExpressionCompiler(services, environment, row, collector);
        boolean onlyOneArgExtreme = !summarize.groups().isEmpty() && summarize.aggregates().size() == 1
                && isArgExtreme(summarize.aggregates().get(0).expression(), environment);
        for (Assignment item : summarize.aggregates()) {
            Expr expression = item.expression();
            if (isArgExtreme(expression, environment)) {
                argExtreme(item, (Expr.Call) expression, rowCompiler, row, collector, names, keyNames, post, columns,
                        onlyOneArgExtreme);
                continue;
            }
            if (item.names().size() > 1) {
                throw item.position().error(KqlErrorCodes.TYPE, "only arg_max and arg_min produce several columns");
            }
            SqlValue value = aggregateCompiler.compile(expression);
            String name = item.isNamed() ? names.explicit(item.names().get(0), item.position())
                    : ColumnNaming.derive(expression, row::contains).map(names::derived)
                            .orElseGet(() -> names.numbered("Column", 1));
            add(post, columns, value.sql(), name, value);
        }
        if (collector.isEmpty()) {
            Expr first = summarize.aggregates().get(0).expression();
            throw Expressions.start(first).error(KqlErrorCodes.TYPE,
                    "summarize needs an aggregation (count(), sum(x), ...) or a 'by' key; this holds neither");
        }
        return new Relation(collector.sql(input.sql(), post), columns, List.of(), null);
    }

    /** An arg_max / arg_min call, unless a user function of the query shadows the name. */
    private static boolean isArgExtreme(Expr expression, Environment environment) {
        return expression instanceof Expr.Call call && AggregateFunctions.isArgExtreme(call.name())
                && !(environment.lookup(call.name()).orElse(null) instanceof Binding.Function);
    }

    private static void add(List<String> post, List<Relation.Column> columns, String sql, String name, SqlValue value) {
        String sqlName = "c" + (columns.size() + 1);
        post.add(sql + " AS " + sqlName);
        columns.add(new Relation.Column(name, value.type(), sqlName, value.type() != KqlType.STRING && value.nullable(),
                value.jsonText(), false));
    }

    /**
     * arg_max(X, cols...) / arg_min: the values of a row where X is greatest (least) in the group; rows with a null
     * X are ignored unless all are null. Columns: X, then the listed ones ({@code *}: every input column but the
     * keys and X). A single name renames only X; a tuple {@code (a, b) =} renames in order. When it is the only
     * aggregation, the group's row is picked whole ({@link AggregateCollector#pickRowBy}); otherwise each column is
     * taken from the row ranked first in its group.
     */
    private void argExtreme(Assignment item, Expr.Call call, ExpressionCompiler rowCompiler, RowScope row,
                            AggregateCollector collector, UniqueNames names, Set<String> keyNames,
                            List<String> post, List<Relation.Column> columns, boolean pickWholeRow) {
        List<Expr> arguments = call.arguments();
        if (arguments.isEmpty() || arguments.get(0) instanceof Expr.Star) {
            throw call.position().error(KqlErrorCodes.ARGUMENTS, call.name() + "() needs the expression to maximize first");
        }
        boolean max = call.name().startsWith("argmax") || call.name().equals("arg_max");
        String prefix = max ? "max" : "min";
        Expr target = arguments.get(0);
        SqlValue targetValue = rowCompiler.compile(target);
        if (!targetValue.type().isOrderable()) {
            throw Expressions.start(target).error(KqlErrorCodes.TYPE, call.name() + "() cannot order dynamic values; convert them first");
        }
        String targetColumn = collector.pre(targetValue);
        String rank = null;
        if (pickWholeRow) {
            collector.pickRowBy(OrderBySql.key(collector.atGrouped(targetColumn), targetValue.type(), max, false));
        } else {
            rank = collector.rank(OrderBySql.key(collector.atWindow(targetColumn), targetValue.type(), max, false));
        }
        Optional<String> targetName = ColumnNaming.derive(target, row::contains);

        List<String> defaultNames = new ArrayList<>();
        List<SqlValue> values = new ArrayList<>();
        List<String> sqlColumns = new ArrayList<>();
        defaultNames.add(targetName.orElse(prefix + "_"));
        values.add(targetValue);
        sqlColumns.add(targetColumn);
        Set<String> excluded = new HashSet<>(keyNames);
        targetName.ifPresent(excluded::add);
        for (int i = 1; i < arguments.size(); i++) {
            Expr argument = arguments.get(i);
            if (argument instanceof Expr.Star) {
                for (String column : row.names()) {
                    if (!excluded.contains(column)) {
                        SqlValue value = row.lookup(column).orElseThrow();
                        defaultNames.add(column);
                        values.add(value);
                        sqlColumns.add(collector.pre(value));
                    }
                }
                continue;
            }
            SqlValue value = rowCompiler.compile(argument);
            int position = i;
            defaultNames.add(ColumnNaming.derive(argument, row::contains)
                    .orElseGet(() -> prefix + "_" + targetName.orElse("") + "_arg" + position));
            values.add(value);
            sqlColumns.add(collector.pre(value));
        }
        if (item.names().size() > values.size()) {
            throw item.position().error(KqlErrorCodes.ARGUMENTS, "more names than the " + values.size()
                    + " columns " + call.name() + "() produces");
        }
        for (int i = 0; i < values.size(); i++) {
            SqlValue value = values.get(i);
            String picked = pickWholeRow ? collector.atGrouped(sqlColumns.get(i))
                    : "(array_agg(" + collector.atGrouped(sqlColumns.get(i)) + ") FILTER (WHERE " + rank + " = 1))[1]";
            SqlValue grouped = value.type() == KqlType.STRING
                    ? collector.grouped("coalesce(" + picked + ", '')", KqlType.STRING, false)
                    : collector.grouped(picked, value.type(), true);
            String name = i < item.names().size() ? names.explicit(item.names().get(i), item.position())
                    : names.derived(defaultNames.get(i));
            add(post, columns, grouped.sql(), name, grouped);
        }
    }
}
