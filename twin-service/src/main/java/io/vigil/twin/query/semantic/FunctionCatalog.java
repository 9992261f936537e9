package io.vigil.twin.query.semantic;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The functions twin queries know, by case-insensitive name. IoT Hub documents IS_DEFINED and accepts STARTSWITH;
 * the other type tests and ENDSWITH are those of Microsoft's own IoT Hub mock. The routing-only functions
 * (CONTAINS, LOWER, LENGTH, ...) and the underscored spellings (STARTS_WITH) are unknown, as in IoT Hub.
 */
final class FunctionCatalog {

    static final String KNOWN_FUNCTIONS = "IS_DEFINED, IS_NULL, IS_BOOL, IS_NUMBER, IS_STRING, IS_OBJECT, IS_ARRAY, "
            + "IS_PRIMITIVE, STARTSWITH, ENDSWITH and, in the select list, COUNT, SUM, AVG, MIN, MAX";

    private static final Map<String, Expr.TypeTestKind> TYPE_TESTS = Map.of(
            "IS_DEFINED", Expr.TypeTestKind.DEFINED,
            "IS_NULL", Expr.TypeTestKind.NULL,
            "IS_BOOL", Expr.TypeTestKind.BOOL,
            "IS_NUMBER", Expr.TypeTestKind.NUMBER,
            "IS_STRING", Expr.TypeTestKind.STRING,
            "IS_OBJECT", Expr.TypeTestKind.OBJECT,
            "IS_ARRAY", Expr.TypeTestKind.ARRAY,
            "IS_PRIMITIVE", Expr.TypeTestKind.PRIMITIVE);

    private static final Map<String, Expr.StringTestKind> STRING_TESTS = Map.of(
            "STARTSWITH", Expr.StringTestKind.STARTS_WITH,
            "ENDSWITH", Expr.StringTestKind.ENDS_WITH);

    private static final Map<String, AggregateFunction> AGGREGATES = Map.of(
            "COUNT", AggregateFunction.COUNT,
            "SUM", AggregateFunction.SUM,
            "AVG", AggregateFunction.AVG,
            "MIN", AggregateFunction.MIN,
            "MAX", AggregateFunction.MAX);

    private FunctionCatalog() {
    }

    static Optional<Expr.TypeTestKind> typeTest(String name) {
        return Optional.ofNullable(TYPE_TESTS.get(upper(name)));
    }

    static Optional<Expr.StringTestKind> stringTest(String name) {
        return Optional.ofNullable(STRING_TESTS.get(upper(name)));
    }

    static Optional<AggregateFunction> aggregate(String name) {
        return Optional.ofNullable(AGGREGATES.get(upper(name)));
    }

    static boolean isKnown(String name) {
        return typeTest(name).isPresent() || stringTest(name).isPresent() || aggregate(name).isPresent();
    }

    static String upper(String name) {
        return name.toUpperCase(Locale.ROOT);
    }
}
