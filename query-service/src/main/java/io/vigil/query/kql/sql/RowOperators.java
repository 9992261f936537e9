package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.binding.ColumnNaming;
import io.vigil.query.kql.binding.Environment;
import io.vigil.query.kql.binding.UniqueNames;
import io.vigil.query.kql.syntax.Expr;
import io.vigil.query.kql.syntax.Expressions;
import io.vigil.query.kql.syntax.TabularOperator;
import io.vigil.query.kql.types.KqlType;

import java.util.ArrayList;
import java.util.List;

/** where, take/limit, sort/order (and top through them), distinct, count. */
final class RowOperators {

    private final CompilerServices services;

    RowOperators(CompilerServices services) {
        this.services = services;
    }

    /** Keeps the rows whose predicate is true; null and false drop the row. Columns and order are unchanged. */
    Relation where(TabularOperator.Where where, Relation input, Environment environment) {
        String alias = services.context.newAlias();
        ExpressionCompiler compiler = new ExpressionCompiler(services, environment, RowScope.of(input, alias), null);
        SqlValue predicate = compiler.asBool(compiler.compile(where.predicate()), Expressions.start(where.predicate()));
        String sql = "SELECT * FROM (" + input.sql() + ") AS " + alias + " WHERE " + predicate.sql();
        return new Relation(sql, input.columns(), input.order(), null);
    }

    /** Up to N rows: the first N in the input's order when it has one, any N otherwise. */
    Relation take(Expr count, Relation input, Environment environment) {
        SqlValue limit = new ExpressionCompiler(services, environment, RowScope.empty(), null).compile(count);
        if (limit.type() != KqlType.LONG && limit.type() != KqlType.INT) {
            throw Expressions.start(count).error(KqlErrorCodes.TYPE, "take/limit needs a long, not a " + limit.type());
        }
        if (limit.isConstant() && limit.constantValue() instanceof Number n && n.longValue() < 0) {
            throw Expressions.start(count).error(KqlErrorCodes.ARGUMENTS, "take/limit cannot be negative");
        }
        String alias = services.context.newAlias();
        String sql = "SELECT * FROM (" + input.sql() + ") AS " + alias + OrderBySql.clause(alias, input.order())
                + " LIMIT greatest((" + limit.sql() + ")::bigint, 0)";
        return new Relation(sql, input.columns(), input.order(), null);
    }

    /**
     * Records the sort keys (default descending; nulls first when ascending, last when descending). Keys that are
     * not plain columns become hidden columns. The ORDER BY itself is written by whoever consumes the order.
     */
    Relation sort(List<TabularOperator.SortKey> keys, Relation input, Environment environment) {
        String alias = services.context.newAlias();
        ExpressionCompiler compiler = new ExpressionCompiler(services, environment, RowScope.of(input, alias), null);
        List<Projector.Output> outputs = Projector.passThrough(input, alias);
        List<String> items = new ArrayList<>();
        List<Relation.Column> columns = new ArrayList<>();
        int number = 0;
        for (Projector.Output output : outputs) {
            String sqlName = "c" + (++number);
            items.add(output.value().sql() + " AS " + sqlName);
            columns.add(new Relation.Column(output.name(), output.value().type(), sqlName,
                    output.value().type() != KqlType.STRING && output.value().nullable(), output.value().jsonText(), false));
        }
        List<Relation.OrderKey> order = new ArrayList<>();
        int hidden = 0;
        for (TabularOperator.SortKey key : keys) {
            SqlValue value = compiler.compile(key.expression());
            if (!value.type().isOrderable()) {
                throw Expressions.start(key.expression()).error(KqlErrorCodes.TYPE,
                        "a sort key cannot be dynamic; convert it first (tostring(), tolong(), ...)");
            }
            boolean descending = key.descending() == null || key.descending();
            boolean nullsFirst = key.nullsFirst() == null ? !descending : key.nullsFirst();
            String sqlName = null;
            for (int i = 0; i < outputs.size(); i++) {
                if (outputs.get(i).value().sql().equals(value.sql())) {
                    sqlName = columns.get(i).sqlName();
                }
            }
            if (sqlName == null) {
                sqlName = "h" + (++hidden);
                items.add(value.sql() + " AS " + sqlName);
                columns.add(new Relation.Column("", value.type(), sqlName, true, false, true));
            }
            order.add(new Relation.OrderKey(sqlName, value.type(), descending, nullsFirst));
        }
        String sql = "SELECT " + String.join(", ", items) + " FROM (" + input.sql() + ") AS " + alias;
        return new Relation(sql, columns, order, null);
    }

    /** distinct Col, ... (or *): the distinct combinations; only those columns are output. */
    Relation distinct(TabularOperator.Distinct distinct, Relation input, Environment environment) {
        String alias = services.context.newAlias();
        RowScope row = RowScope.of(input, alias);
        List<Projector.Output> outputs;
        if (distinct.all()) {
            outputs = Projector.passThrough(input, alias);
        } else {
            ExpressionCompiler compiler = new ExpressionCompiler(services, environment, row, null);
            UniqueNames names = new UniqueNames();
            outputs = new ArrayList<>();
            for (Expr column : distinct.columns()) {
                SqlValue value = compiler.compile(column);
                String name = ColumnNaming.derive(column, row::contains).map(names::derived)
                        .orElseGet(() -> names.numbered("Column", 1));
                outputs.add(new Projector.Output(name, value));
            }
        }
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i).value().type() == KqlType.DYNAMIC) {
                throw (distinct.all() ? distinct.position() : Expressions.start(distinct.columns().get(i))).error(KqlErrorCodes.TYPE,
                        "distinct cannot use the dynamic column '" + outputs.get(i).name() + "'; convert it first (tostring(...))");
            }
        }
        Relation projected = Projector.select(input, alias, outputs, false);
        if (outputs.isEmpty()) {
            // Rows without columns are all equal: at most one is distinct. PostgreSQL accepts a SELECT without
            // columns but not a SELECT DISTINCT without columns.
            return new Relation(projected.sql() + " LIMIT 1", projected.columns(), List.of(), null);
        }
        return new Relation(projected.sql().replaceFirst("^SELECT ", "SELECT DISTINCT "), projected.columns(), List.of(), null);
    }

    /** count: one row, one long column named Count. */
    Relation count(Relation input) {
        String alias = services.context.newAlias();
        String sql = "SELECT count(*) AS c1 FROM (" + input.sql() + ") AS " + alias;
        return new Relation(sql, List.of(new Relation.Column("Count", KqlType.LONG, "c1", false, false, false)), List.of(), null);
    }
}
