package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.syntax.Expr;
import io.vigil.query.kql.syntax.Position;
import io.vigil.query.kql.syntax.StringOperator;
import io.vigil.query.kql.types.KqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code in}, {@code !in}, {@code in~}, {@code !in~}, {@code has_any}, {@code has_all}. The list may mix scalars,
 * dynamic arrays (flattened) and tabular expressions (their first column). {@code in} behaves as an OR of
 * {@code ==} and {@code !in} as an AND of {@code !=}: a null left side is not in any list.
 */
final class InCompiler {

    private final ExpressionCompiler compiler;
    private final CompilerServices services;

    InCompiler(ExpressionCompiler compiler) {
        this.compiler = compiler;
        this.services = compiler.services();
    }

    SqlValue compile(Expr.In in) {
        SqlValue value = compiler.compile(in.value());
        List<SqlValue> scalars = new ArrayList<>();
        List<Expr> tabular = new ArrayList<>();
        List<SqlValue> arrays = new ArrayList<>();
        for (Expr item : in.items()) {
            if (compiler.isTabular(item)) {
                tabular.add(item);
                continue;
            }
            SqlValue compiled = compiler.compile(item);
            if (compiled.type() == KqlType.DYNAMIC && value.type() != KqlType.DYNAMIC) {
                arrays.add(compiled);
            } else {
                scalars.add(compiled);
            }
        }
        KqlType target = value.type();
        if (target == KqlType.DYNAMIC) {
            // a dynamic left side is compared as the type of the listed values
            target = scalars.isEmpty() ? KqlType.STRING : scalars.get(0).type();
            value = services.conversions.to(target, value, in.value().position());
        }
        if (in.caseInsensitive() && target != KqlType.STRING) {
            value = services.conversions.toStringValue(value);
            target = KqlType.STRING;
        }
        boolean nullable = value.nullable() || !tabular.isEmpty() || !arrays.isEmpty();
        String left = in.caseInsensitive() ? "lower(" + value.sql() + ")" : "(" + value.sql() + ")";
        List<String> tests = new ArrayList<>();
        if (!scalars.isEmpty()) {
            List<String> sqls = new ArrayList<>();
            for (SqlValue scalar : scalars) {
                SqlValue converted = convertItem(scalar, target, in.caseInsensitive(), in.position());
                nullable |= converted.nullable();
                sqls.add(in.caseInsensitive() ? "lower(" + converted.sql() + ")" : converted.sql());
            }
            tests.add(left + " IN (" + String.join(", ", sqls) + ")");
        }
        for (Expr item : tabular) {
            tests.add(left + " IN (" + firstColumnValues(item, target, in.caseInsensitive()) + ")");
        }
        for (SqlValue array : arrays) {
            tests.add(left + " IN (" + arrayValues(array, target, in.caseInsensitive(), in.position()) + ")");
        }
        String test = tests.size() == 1 ? "(" + tests.get(0) + ")" : "(" + String.join(" OR ", tests) + ")";
        if (in.negated()) {
            return SqlValue.notNull(nullable ? "coalesce(NOT " + test + ", true)" : "(NOT " + test + ")", KqlType.BOOL);
        }
        return SqlValue.notNull(nullable ? "coalesce(" + test + ", false)" : test, KqlType.BOOL);
    }

    private SqlValue convertItem(SqlValue item, KqlType target, boolean caseInsensitive, Position position) {
        if (caseInsensitive) {
            return services.conversions.toStringValue(item);
        }
        KqlType type = item.type();
        if (type == target || (type.isNumeric() && target.isNumeric())) {
            return item;
        }
        if (type == KqlType.DYNAMIC) {
            return services.conversions.to(target, item, position);
        }
        throw position.error(KqlErrorCodes.TYPE, "'in' compares a " + target + " with a " + type);
    }

    private String firstColumnValues(Expr item, KqlType target, boolean caseInsensitive) {
        Relation relation = services.tabular.compile(item, compiler.environment());
        List<Relation.Column> columns = relation.visibleColumns();
        if (columns.isEmpty()) {
            throw item.position().error(KqlErrorCodes.TYPE, "the table of 'in' has no column");
        }
        Relation.Column column = columns.get(0);
        String alias = services.context.newAlias();
        SqlValue value = new SqlValue(alias + "." + column.sqlName(), column.type(), column.nullable(), false, null);
        value = convertItem(value, target, caseInsensitive, item.position());
        String selected = caseInsensitive ? "lower(" + value.sql() + ")" : value.sql();
        return "SELECT " + selected + " FROM (" + relation.sql() + ") AS " + alias;
    }

    /** The elements of a dynamic array (a scalar dynamic counts as a one-element array), converted. */
    private String arrayValues(SqlValue array, KqlType target, boolean caseInsensitive, Position position) {
        String alias = services.context.newAlias();
        SqlValue element = SqlValue.of(alias + ".value", KqlType.DYNAMIC, true);
        SqlValue converted = caseInsensitive ? services.conversions.toStringValue(element)
                : services.conversions.to(target, element, position);
        String selected = caseInsensitive ? "lower(" + converted.sql() + ")" : converted.sql();
        return "SELECT " + selected + " FROM jsonb_array_elements(" + asArray(array.sql()) + ") AS " + alias;
    }

    private String asArray(String dynamic) {
        return services.context.share(dynamic, x -> "(CASE WHEN jsonb_typeof(" + x + ") = 'array' THEN " + x
                + " ELSE jsonb_build_array(" + x + ") END)");
    }

    /** has_any: some listed term is in the value; has_all: every one is. */
    SqlValue hasAny(Expr.HasAny hasAny) {
        SqlValue value = compiler.compile(hasAny.value());
        List<String> tests = new ArrayList<>();
        for (Expr item : hasAny.items()) {
            if (compiler.isTabular(item)) {
                throw item.position().error(KqlErrorCodes.UNSUPPORTED, "a table in has_any/has_all is not supported");
            }
            SqlValue term = compiler.compile(item);
            if (term.type() == KqlType.DYNAMIC) {
                String alias = services.context.newAlias();
                SqlValue element = SqlValue.string(alias + ".value", true);
                SqlValue test = services.strings.match(StringOperator.HAS, value, element, item.position());
                tests.add(hasAny.all()
                        ? "(NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(" + asArray(term.sql()) + ") AS " + alias
                                + " WHERE NOT " + test.sql() + "))"
                        : "(EXISTS (SELECT 1 FROM jsonb_array_elements_text(" + asArray(term.sql()) + ") AS " + alias
                                + " WHERE " + test.sql() + "))");
            } else {
                tests.add(services.strings.match(StringOperator.HAS, value, term, item.position()).sql());
            }
        }
        return SqlValue.notNull("(" + String.join(hasAny.all() ? " AND " : " OR ", tests) + ")", KqlType.BOOL);
    }
}
