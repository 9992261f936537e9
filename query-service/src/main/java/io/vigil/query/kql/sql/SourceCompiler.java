package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.TimeWindow;
import io.vigil.query.kql.binding.ColumnNaming;
import io.vigil.query.kql.binding.Environment;
import io.vigil.query.kql.binding.UniqueNames;
import io.vigil.query.kql.catalog.CatalogColumn;
import io.vigil.query.kql.catalog.CatalogTable;
import io.vigil.query.kql.syntax.Assignment;
import io.vigil.query.kql.syntax.Expr;
import io.vigil.query.kql.syntax.Expressions;
import io.vigil.query.kql.types.KqlType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sources of a pipeline: workspace tables, datatable, print and range. */
final class SourceCompiler {

    private final CompilerServices services;

    SourceCompiler(CompilerServices services) {
        this.services = services;
    }

    /**
     * A workspace table, restricted to the API time window and, for a hub-scoped caller, to the hubs it may see
     * (its hub column, the one KQL calls {@code _ResourceId}, compared with one bound array). Nullable SQL text reads as "" (KQL strings are never
     * null); a jsonb 'null' reads as a null dynamic; constant columns are bound values.
     */
    Relation table(Expr.NameRef reference) {
        CompilationContext context = services.context;
        CatalogTable table = context.catalog().table(reference.name()).orElseThrow(() -> {
            String hint = context.catalog().tables().stream().map(CatalogTable::name)
                    .filter(n -> n.equalsIgnoreCase(reference.name())).findFirst()
                    .map(n -> " (did you mean '" + n + "'? table names are case-sensitive)").orElse("");
            return reference.position().error(KqlErrorCodes.UNKNOWN_TABLE, "unknown table or name '" + reference.name() + "'" + hint);
        });
        String alias = context.newAlias();
        List<String> items = new ArrayList<>();
        List<Relation.Column> columns = new ArrayList<>();
        List<Relation.Column> hiddenColumns = new ArrayList<>();
        int number = 0;
        for (CatalogColumn column : table.columns()) {
            String sqlName = "c" + (++number);
            String sql;
            if (column.isConstant()) {
                sql = context.bind(column.constant());
            } else if (column.type() == KqlType.STRING && column.nullable()) {
                sql = "coalesce(" + alias + "." + column.sqlColumn() + ", '')";
            } else if (column.type() == KqlType.DYNAMIC) {
                sql = "NULLIF(" + alias + "." + column.sqlColumn() + ", 'null'::jsonb)";
            } else {
                sql = alias + "." + column.sqlColumn();
            }
            items.add(sql + " AS " + sqlName);
            boolean nullable = column.type() == KqlType.DYNAMIC || (column.type() != KqlType.STRING && column.nullable());
            Map<String, String> storedMembers = new LinkedHashMap<>();
            for (Map.Entry<String, String> member : column.storedMembers().entrySet()) {
                // Hidden: the query cannot name it; only tostring() of the member reads it (RowScope, Conversions).
                String memberSqlName = "k" + (hiddenColumns.size() + 1);
                items.add(alias + "." + member.getValue() + " AS " + memberSqlName);
                hiddenColumns.add(new Relation.Column("", KqlType.STRING, memberSqlName, false, false, true));
                storedMembers.put(member.getKey(), memberSqlName);
            }
            columns.add(new Relation.Column(column.name(), column.type(), sqlName, nullable, column.jsonText(), false,
                    storedMembers));
        }
        columns.addAll(hiddenColumns);
        List<String> conditions = new ArrayList<>();
        if (context.window().isPresent()) {
            TimeWindow window = context.window().get();
            String time = alias + "." + table.timeGeneratedColumn();
            if (window.from() != null) {
                conditions.add(time + " >= " + context.bindInstant(window.from()));
            }
            if (window.to() != null) {
                conditions.add(time + " < " + context.bindInstant(window.to()));
            }
        }
        if (context.hubs().isPresent()) {
            // A table without a hub column cannot be limited to hubs, so it must not be read at all.
            String hub = table.column(CatalogTable.HUB_COLUMN).filter(column -> !column.isConstant())
                    .orElseThrow(() -> reference.position().error(KqlErrorCodes.UNKNOWN_TABLE,
                            "table " + table.name() + " has no hub column, so a hub-scoped token cannot read it"))
                    .sqlColumn();
            conditions.add(alias + "." + hub + " = ANY(" + context.bind(context.hubs().get().toArray(String[]::new)) + ")");
        }
        String sql = "SELECT " + String.join(", ", items) + " FROM " + table.sqlTable() + " AS " + alias
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
        return new Relation(sql, columns, List.of(), table.name());
    }

    /** datatable(A:type, ...)[v, v, ...]: the values must be literals, row after row. */
    Relation datatable(Expr.Datatable datatable, Environment environment) {
        List<Expr.ColumnDeclaration> declarations = datatable.columns();
        UniqueNames names = new UniqueNames();
        for (Expr.ColumnDeclaration declaration : declarations) {
            names.explicit(declaration.name(), declaration.position());
        }
        if (datatable.values().size() % declarations.size() != 0) {
            throw datatable.position().error(KqlErrorCodes.ARGUMENTS, "datatable has " + datatable.values().size()
                    + " values, not a whole number of rows of " + declarations.size() + " columns");
        }
        ExpressionCompiler compiler = new ExpressionCompiler(services, environment, RowScope.empty(), null);
        List<String> rows = new ArrayList<>();
        boolean[] nullable = new boolean[declarations.size()];
        for (int start = 0; start < datatable.values().size(); start += declarations.size()) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < declarations.size(); i++) {
                Expr expression = datatable.values().get(start + i);
                SqlValue value = compiler.compile(expression);
                if (!value.isConstant()) {
                    throw Expressions.start(expression).error(KqlErrorCodes.ARGUMENTS, "datatable values must be literals");
                }
                SqlValue converted = fit(value, declarations.get(i).type(), expression);
                nullable[i] |= converted.nullable();
                row.add(converted.sql());
            }
            rows.add("(" + String.join(", ", row) + ")");
        }
        String alias = services.context.newAlias();
        List<Relation.Column> columns = new ArrayList<>();
        List<String> sqlNames = new ArrayList<>();
        List<String> emptyItems = new ArrayList<>();
        for (int i = 0; i < declarations.size(); i++) {
            KqlType type = declarations.get(i).type();
            String sqlName = "c" + (i + 1);
            sqlNames.add(sqlName);
            emptyItems.add((type == KqlType.STRING ? "''::text" : "NULL::" + type.sqlType()) + " AS " + sqlName);
            columns.add(new Relation.Column(declarations.get(i).name(), type, sqlName,
                    type != KqlType.STRING && nullable[i], false, false));
        }
        String sql = rows.isEmpty()
                ? "SELECT " + String.join(", ", emptyItems) + " WHERE false"
                : "SELECT * FROM (VALUES " + String.join(", ", rows) + ") AS " + alias + "(" + String.join(", ", sqlNames) + ")";
        return new Relation(sql, columns, List.of(), null);
    }

    /** A literal made to fit a datatable column: numbers widen, an int column checks its range, any literal fits dynamic. */
    private SqlValue fit(SqlValue value, KqlType column, Expr expression) {
        KqlType type = value.type();
        if (type == column) {
            return value;
        }
        if (value.constantValue() == null) {
            if (column == KqlType.STRING) {
                throw expression.position().error(KqlErrorCodes.TYPE, "a string column cannot hold null");
            }
            return SqlValue.of("NULL::" + column.sqlType(), column, true);
        }
        switch (column) {
            case DYNAMIC:
                return services.conversions.toDynamic(value);
            case REAL:
                if (type.isNumeric()) {
                    return SqlValue.of("(" + value.sql() + ")::float8", column, false);
                }
                break;
            case LONG:
                if (type == KqlType.INT) {
                    return SqlValue.of("(" + value.sql() + ")::bigint", column, false);
                }
                break;
            case INT:
                if (type == KqlType.LONG) {
                    long number = (Long) value.constantValue();
                    if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
                        throw expression.position().error(KqlErrorCodes.LITERAL, "value out of range for an int column: " + number);
                    }
                    return SqlValue.of("(" + value.sql() + ")::integer", column, false);
                }
                break;
            default:
                break;
        }
        throw expression.position().error(KqlErrorCodes.TYPE, "a " + type + " value in a " + column + " column");
    }

    /** print a=1, 2: one row; unnamed columns are print_0, print_1, ... by position. */
    Relation print(Expr.Print print, Environment environment) {
        RowScope scope = RowScope.empty();
        UniqueNames names = new UniqueNames();
        List<String> items = new ArrayList<>();
        List<Relation.Column> columns = new ArrayList<>();
        int position = 0;
        for (Assignment item : print.items()) {
            SqlValue value = new ExpressionCompiler(services, environment, scope, null).compile(item.expression());
            String name;
            if (item.names().size() > 1) {
                throw item.position().error(KqlErrorCodes.UNSUPPORTED, "a print item has one name");
            }
            if (item.isNamed()) {
                name = names.explicit(item.names().get(0), item.position());
            } else {
                RowScope current = scope;
                name = ColumnNaming.derive(item.expression(), current::contains).map(names::derived)
                        .orElseGet(() -> names.numbered("print_", items.size()));
            }
            String sqlName = "c" + (++position);
            items.add(value.sql() + " AS " + sqlName);
            columns.add(new Relation.Column(name, value.type(), sqlName, value.type() != KqlType.STRING && value.nullable(),
                    value.jsonText(), false));
            scope = scope.with(name, value);
        }
        return new Relation("SELECT " + String.join(", ", items), columns, List.of(), null);
    }

    /** range x from a to b step s: longs, or datetimes with a timespan step. */
    Relation range(Expr.Range range, Environment environment) {
        ExpressionCompiler compiler = new ExpressionCompiler(services, environment, RowScope.empty(), null);
        SqlValue from = compiler.compile(range.from());
        SqlValue to = compiler.compile(range.to());
        SqlValue step = compiler.compile(range.step());
        if (step.isConstant() && step.constantValue() instanceof Number n && n.doubleValue() == 0) {
            throw range.step().position().error(KqlErrorCodes.ARGUMENTS, "the range step cannot be 0");
        }
        String alias = services.context.newAlias();
        String series;
        KqlType type;
        if (integral(from) && integral(to) && integral(step)) {
            series = "generate_series((" + from.sql() + ")::bigint, (" + to.sql() + ")::bigint, (" + step.sql() + ")::bigint)";
            type = KqlType.LONG;
        } else if (from.type() == KqlType.DATETIME && to.type() == KqlType.DATETIME && step.type() == KqlType.TIMESPAN) {
            series = "generate_series(" + from.sql() + ", " + to.sql() + ", " + Arithmetic.ticksAsInterval("(" + step.sql() + ")") + ")";
            type = KqlType.DATETIME;
        } else {
            throw range.position().error(KqlErrorCodes.UNSUPPORTED,
                    "range supports longs, or datetimes with a timespan step; found " + from.type() + ", " + to.type() + ", " + step.type());
        }
        String sql = "SELECT " + alias + ".v AS c1 FROM " + series + " AS " + alias + "(v)";
        return new Relation(sql, List.of(new Relation.Column(range.column(), type, "c1", false, false, false)), List.of(), null);
    }

    private static boolean integral(SqlValue value) {
        return value.type() == KqlType.LONG || value.type() == KqlType.INT;
    }
}
