package io.vigil.query.kql.sql;

import io.vigil.query.kql.syntax.Expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a JSON text column once per row for a project or extend stage that reads it two or more times
 * (extractjson, extract_json, parse_json, todynamic on the bare column), as seed 002's investigations do with
 * EventDetails: each of those calls would otherwise parse the whole text again, which was about a quarter of the
 * open-ports investigation's time in the database.
 * <p>
 * The parsed value comes from {@code CROSS JOIN LATERAL (SELECT (alias.c)::jsonb AS j1 OFFSET 0) AS p} after the
 * stage's input. The {@code OFFSET 0} keeps PostgreSQL from pulling the subquery up, which would put the conversion
 * back into every expression that reads it. The barrier stands beside the input, not around it: conditions of later
 * stages on the input's columns are still pushed down into its scan.
 */
final class ParseOnce {

    private static final Set<String> JSON_AT_SECOND = Set.of("extractjson", "extract_json");
    private static final Set<String> JSON_AT_FIRST = Set.of("parse_json", "parsejson", "todynamic", "toobject");

    /** The stage's scope (the shared columns carrying their parsed value) and the clause to put after its FROM. */
    record Plan(RowScope scope, String fromTail) {
    }

    private ParseOnce() {
    }

    /** {@code scope}: the stage's input columns, as {@link RowScope#of} reads them; {@code expressions}: its items. */
    static Plan plan(List<Expr> expressions, RowScope scope, CompilationContext context) {
        Map<String, Integer> reads = new LinkedHashMap<>();
        for (Expr expression : expressions) {
            count(expression, reads);
        }
        List<String> parsed = new ArrayList<>();
        String lateral = null;
        RowScope result = scope;
        for (Map.Entry<String, Integer> entry : reads.entrySet()) {
            SqlValue column = scope.lookup(entry.getKey()).orElse(null);
            if (entry.getValue() < 2 || column == null || !column.jsonText()) {
                continue;
            }
            if (lateral == null) {
                lateral = context.newAlias();
            }
            String name = "j" + (parsed.size() + 1);
            parsed.add("(" + column.sql() + ")::jsonb AS " + name);
            SqlValue.StoredMembers members = column.stored() instanceof SqlValue.StoredMembers m ? m : null;
            result = result.with(entry.getKey(), column.withStored(new SqlValue.ParsedJson(lateral + "." + name, members)));
        }
        if (lateral == null) {
            return new Plan(scope, "");
        }
        return new Plan(result, " CROSS JOIN LATERAL (SELECT " + String.join(", ", parsed) + " OFFSET 0) AS " + lateral);
    }

    /** Counts the column names read as JSON text; does not enter tabular arguments, which have scopes of their own. */
    private static void count(Expr expression, Map<String, Integer> reads) {
        if (expression instanceof Expr.Call call) {
            int jsonArgument = JSON_AT_SECOND.contains(call.name()) ? 1 : JSON_AT_FIRST.contains(call.name()) ? 0 : -1;
            if (jsonArgument >= 0 && call.arguments().size() > jsonArgument
                    && unwrapped(call.arguments().get(jsonArgument)) instanceof Expr.NameRef name) {
                reads.merge(name.name(), 1, Integer::sum);
            }
            call.arguments().forEach(argument -> count(argument, reads));
        } else if (expression instanceof Expr.Element element) {
            count(element.target(), reads);
            count(element.subscript(), reads);
        } else if (expression instanceof Expr.Unary unary) {
            count(unary.operand(), reads);
        } else if (expression instanceof Expr.Binary binary) {
            count(binary.left(), reads);
            count(binary.right(), reads);
        } else if (expression instanceof Expr.StringMatch match) {
            count(match.left(), reads);
            count(match.right(), reads);
        } else if (expression instanceof Expr.In in) {
            count(in.value(), reads);
            in.items().forEach(item -> count(item, reads));
        } else if (expression instanceof Expr.HasAny hasAny) {
            count(hasAny.value(), reads);
            hasAny.items().forEach(item -> count(item, reads));
        } else if (expression instanceof Expr.Between between) {
            count(between.value(), reads);
            count(between.low(), reads);
            count(between.high(), reads);
        } else if (expression instanceof Expr.Parenthesized parenthesized) {
            count(parenthesized.inner(), reads);
        }
    }

    private static Expr unwrapped(Expr expression) {
        Expr current = expression;
        while (current instanceof Expr.Parenthesized parenthesized) {
            current = parenthesized.inner();
        }
        return current;
    }
}
