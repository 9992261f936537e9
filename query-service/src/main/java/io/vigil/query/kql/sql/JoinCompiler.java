package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.binding.Environment;
import io.vigil.query.kql.binding.UniqueNames;
import io.vigil.query.kql.syntax.TabularOperator;
import io.vigil.query.kql.types.KqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * join. The default kind, innerunique, first keeps one (arbitrary) left row per join key, then joins inner. Outer
 * kinds fill the missing side with nulls ("" for strings). Semi and anti joins output one side only. Keys are
 * compared with SQL equality, so a null key matches nothing. Right-side columns whose name is taken get the
 * smallest free numeric suffix ({@code Key1}).
 */
final class JoinCompiler {

    private final CompilerServices services;

    JoinCompiler(CompilerServices services) {
        this.services = services;
    }

    Relation compile(TabularOperator.Join join, Relation left, Environment environment) {
        Relation right = services.tabular.compile(join.right(), environment);
        String kind = normalizedKind(join.kind());
        String leftAlias = services.context.newAlias();
        String rightAlias = services.context.newAlias();
        List<String> leftKeys = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        for (TabularOperator.JoinCondition condition : join.conditions()) {
            Relation.Column l = left.visibleColumn(condition.left()).orElseThrow(() -> condition.position().error(
                    KqlErrorCodes.UNKNOWN_COLUMN, "join: unknown column '" + condition.left() + "' on the left side"));
            Relation.Column r = right.visibleColumn(condition.right()).orElseThrow(() -> condition.position().error(
                    KqlErrorCodes.UNKNOWN_COLUMN, "join: unknown column '" + condition.right() + "' on the right side"));
            if (l.type() == KqlType.DYNAMIC || r.type() == KqlType.DYNAMIC) {
                throw condition.position().error(KqlErrorCodes.TYPE,
                        "join keys cannot be dynamic; convert them first (for example with tostring())");
            }
            String a = leftAlias + "." + l.sqlName();
            String b = rightAlias + "." + r.sqlName();
            if (l.type() != r.type()) {
                if (!(l.type().isNumeric() && r.type().isNumeric())) {
                    throw condition.position().error(KqlErrorCodes.TYPE, "join keys '" + condition.left() + "' ("
                            + l.type() + ") and '" + condition.right() + "' (" + r.type() + ") have different types");
                }
                String common = l.type() == KqlType.REAL || r.type() == KqlType.REAL ? "::float8" : "::bigint";
                a = a + common;
                b = b + common;
            }
            leftKeys.add(leftAlias + "." + l.sqlName());
            conditions.add(a + " = " + b);
        }
        String on = String.join(" AND ", conditions);
        String leftSql = left.sql();
        if (kind.equals("innerunique")) {
            String dedupAlias = services.context.newAlias();
            leftSql = "SELECT DISTINCT ON (" + String.join(", ", leftKeys).replace(leftAlias + ".", dedupAlias + ".")
                    + ") * FROM (" + left.sql() + ") AS " + dedupAlias;
        }
        switch (kind) {
            case "leftsemi":
            case "leftanti":
                return oneSide(left, leftAlias, right, rightAlias, on, kind.equals("leftanti"));
            case "rightsemi":
            case "rightanti":
                return oneSide(right, rightAlias, left, leftAlias, on, kind.equals("rightanti"));
            default:
                return bothSides(kind, left, leftSql, leftAlias, right, rightAlias, on);
        }
    }

    private Relation bothSides(String kind, Relation left, String leftSql, String leftAlias, Relation right,
                               String rightAlias, String on) {
        boolean leftNullable = kind.equals("rightouter") || kind.equals("fullouter");
        boolean rightNullable = kind.equals("leftouter") || kind.equals("fullouter");
        String sqlJoin = switch (kind) {
            case "leftouter" -> "LEFT JOIN";
            case "rightouter" -> "RIGHT JOIN";
            case "fullouter" -> "FULL JOIN";
            default -> "INNER JOIN";
        };
        UniqueNames names = new UniqueNames();
        List<String> items = new ArrayList<>();
        List<Relation.Column> columns = new ArrayList<>();
        for (Relation.Column column : left.visibleColumns()) {
            names.reserve(column.name());
            add(items, columns, column, column.name(), leftAlias, leftNullable);
        }
        for (Relation.Column column : right.visibleColumns()) {
            add(items, columns, column, names.derived(column.name()), rightAlias, rightNullable);
        }
        String sql = "SELECT " + String.join(", ", items) + " FROM (" + leftSql + ") AS " + leftAlias + " " + sqlJoin
                + " (" + right.sql() + ") AS " + rightAlias + " ON " + on;
        return new Relation(sql, columns, List.of(), null);
    }

    /** Semi and anti joins: the rows of {@code kept} that have (or, anti, have no) match in {@code other}. */
    private Relation oneSide(Relation kept, String keptAlias, Relation other, String otherAlias, String on,
                             boolean anti) {
        List<String> items = new ArrayList<>();
        List<Relation.Column> columns = new ArrayList<>();
        for (Relation.Column column : kept.visibleColumns()) {
            add(items, columns, column, column.name(), keptAlias, false);
        }
        String sql = "SELECT " + String.join(", ", items) + " FROM (" + kept.sql() + ") AS " + keptAlias + " WHERE "
                + (anti ? "NOT " : "") + "EXISTS (SELECT 1 FROM (" + other.sql() + ") AS " + otherAlias + " WHERE " + on + ")";
        return new Relation(sql, columns, List.of(), null);
    }

    private static void add(List<String> items, List<Relation.Column> columns, Relation.Column column, String name,
                            String alias, boolean sideNullable) {
        String sqlName = "c" + (columns.size() + 1);
        String sql = alias + "." + column.sqlName();
        if (sideNullable && column.type() == KqlType.STRING) {
            sql = "coalesce(" + sql + ", '')";
        }
        items.add(sql + " AS " + sqlName);
        boolean nullable = column.type() != KqlType.STRING && (column.nullable() || sideNullable);
        columns.add(new Relation.Column(name, column.type(), sqlName, nullable, column.jsonText(), false));
    }

    private static String normalizedKind(String kind) {
        if (kind == null) {
            return "innerunique";
        }
        switch (kind) {
            case "anti":
            case "leftantisemi":
                return "leftanti";
            case "rightantisemi":
                return "rightanti";
            default:
                return kind;
        }
    }
}
