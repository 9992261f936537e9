package io.vigil.query.kql.binding;

import io.vigil.query.kql.syntax.Expr;
import io.vigil.query.kql.types.KqlType;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Kusto's rules for the name of a column that the query does not name explicitly (Kusto.Language
 * Binder_Projection / Aggregates / Functions):
 * <ul>
 * <li>a column reference keeps its name; parentheses are transparent; a reference to a scalar {@code let} has no name;</li>
 * <li>member access on a dynamic is {@code <left>_<key>} ({@code parse_json(P)["DeviceId"]} → {@code P_DeviceId});
 *     a computed subscript has no name;</li>
 * <li>conversion functions and {@code bin} take the name of their first argument;</li>
 * <li>aggregates are {@code <prefix>_<name of first argument>} ({@code count()} → {@code count_},
 *     {@code make_set(x)} → {@code set_x});</li>
 * <li>anything else has no name (the caller then uses Column1..., print_0..., or the aggregate prefix).</li>
 * </ul>
 */
public final class ColumnNaming {

    private static final Set<String> FIRST_ARGUMENT_FUNCTIONS = Set.of("tostring", "toint", "tolong", "toreal",
            "todouble", "todatetime", "todynamic", "toobject", "parse_json", "parsejson", "bin", "floor", "tobool",
            "toboolean", "totimespan", "totime", "toguid");

    private static final Map<String, String> AGGREGATE_PREFIXES = Map.ofEntries(
            Map.entry("count", "count"),
            Map.entry("countif", "countif"),
            Map.entry("dcount", "dcount"),
            Map.entry("dcountif", "dcountif"),
            Map.entry("count_distinct", "count_distinct"),
            Map.entry("count_distinctif", "count_distinctif"),
            Map.entry("sum", "sum"),
            Map.entry("sumif", "sumif"),
            Map.entry("min", "min"),
            Map.entry("minif", "minif"),
            Map.entry("max", "max"),
            Map.entry("maxif", "maxif"),
            Map.entry("avg", "avg"),
            Map.entry("avgif", "avgif"),
            Map.entry("make_set", "set"),
            Map.entry("makeset", "set"),
            Map.entry("make_set_if", "set"),
            Map.entry("make_list", "list"),
            Map.entry("makelist", "list"),
            Map.entry("make_list_if", "list"),
            Map.entry("make_list_with_nulls", "list"),
            Map.entry("take_any", "any"),
            Map.entry("any", "any"),
            Map.entry("stdev", "stdev"),
            Map.entry("stdevif", "stdevif"),
            Map.entry("stdevp", "stdevp"),
            Map.entry("variance", "variance"),
            Map.entry("varianceif", "varianceif"),
            Map.entry("variancep", "variancep"));

    private ColumnNaming() {
    }

    /**
     * The name derived from {@code expression}, if any.
     *
     * @param isColumn whether a bare name is a column of the input (as opposed to a let or a parameter)
     */
    public static Optional<String> derive(Expr expression, Predicate<String> isColumn) {
        if (expression instanceof Expr.NameRef name) {
            return isColumn.test(name.name()) ? Optional.of(name.name()) : Optional.empty();
        }
        if (expression instanceof Expr.Parenthesized parenthesized) {
            return derive(parenthesized.inner(), isColumn);
        }
        if (expression instanceof Expr.Element element) {
            Optional<String> key = subscriptName(element.subscript());
            if (key.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> left = derive(element.target(), isColumn);
            return Optional.of(left.map(l -> l + "_" + key.get()).orElse(key.get()));
        }
        if (expression instanceof Expr.Call call) {
            if (FIRST_ARGUMENT_FUNCTIONS.contains(call.name()) && !call.arguments().isEmpty()) {
                return derive(call.arguments().get(0), isColumn);
            }
            String prefix = AGGREGATE_PREFIXES.get(call.name());
            if (prefix != null) {
                String argument = call.arguments().isEmpty() ? "" : derive(call.arguments().get(0), isColumn).orElse("");
                return Optional.of(prefix + "_" + argument);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> subscriptName(Expr subscript) {
        if (subscript instanceof Expr.Literal literal && literal.value() != null) {
            if (literal.type() == KqlType.STRING || literal.type() == KqlType.LONG || literal.type() == KqlType.INT) {
                return Optional.of(String.valueOf(literal.value()));
            }
        }
        if (subscript instanceof Expr.Unary unary && unary.operator().equals("-")
                && unary.operand() instanceof Expr.Literal literal && literal.value() instanceof Long value) {
            return Optional.of(String.valueOf(-value));
        }
        return Optional.empty();
    }
}
