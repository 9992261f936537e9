package io.vigil.twin.query.sql;

import io.vigil.twin.query.semantic.Expr.TypeTestKind;

/** IS_DEFINED, IS_NULL, IS_BOOL, ...: always TRUE or FALSE, never undefined (false for an undefined argument). */
final class TypeTests {

    private TypeTests() {
    }

    static String test(TypeTestKind test, TypedSql argument) {
        switch (argument.type()) {
            case JSONB:
                return jsonTest(test, argument.sql());
            case UNDEFINED:
                return "FALSE";
            case NULL:
                return test == TypeTestKind.DEFINED || test == TypeTestKind.NULL || test == TypeTestKind.PRIMITIVE
                        ? "TRUE" : "FALSE";
            default:
                // A string, number or boolean that may be undefined (SQL NULL).
                boolean holds = test == TypeTestKind.DEFINED || test == TypeTestKind.PRIMITIVE
                        || test == kindOf(argument.type());
                return holds ? "(" + argument.sql() + " IS NOT NULL)" : "FALSE";
        }
    }

    private static String jsonTest(TypeTestKind test, String value) {
        switch (test) {
            case DEFINED:
                return "(" + value + " IS NOT NULL)";
            case PRIMITIVE:
                return "COALESCE(jsonb_typeof(" + value + ") IN ('string', 'number', 'boolean', 'null'), FALSE)";
            default:
                return "COALESCE(jsonb_typeof(" + value + ") = '" + jsonType(test) + "', FALSE)";
        }
    }

    private static String jsonType(TypeTestKind test) {
        switch (test) {
            case NULL:
                return "null";
            case BOOL:
                return "boolean";
            case NUMBER:
                return "number";
            case STRING:
                return "string";
            case OBJECT:
                return "object";
            default:
                return "array";
        }
    }

    private static TypeTestKind kindOf(SqlType type) {
        switch (type) {
            case TEXT:
                return TypeTestKind.STRING;
            case NUMERIC:
                return TypeTestKind.NUMBER;
            default:
                return TypeTestKind.BOOL;
        }
    }
}
