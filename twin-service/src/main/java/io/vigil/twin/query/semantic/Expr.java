package io.vigil.twin.query.semantic;

import java.util.List;
import java.util.Optional;

/**
 * Checked expressions: names resolved, functions known, argument counts and constant types verified.
 * <p>
 * Evaluation follows IoT Hub's rules: a missing property is <em>undefined</em> (not JSON null); comparisons
 * involving undefined, or values of different types, or objects and arrays, are undefined; only a condition whose
 * value is {@code true} selects a twin. QUERY-LANGUAGE.md has the complete tables.
 */
public sealed interface Expr {

    enum ConstantKind { STRING, NUMBER, BOOLEAN, NULL, UNDEFINED }

    /** A literal; value is a String, BigDecimal, Boolean or null. */
    record Constant(ConstantKind kind, Object value) implements Expr {
    }

    /** A property of the twin; column is set when an indexed column holds the same value. */
    record Property(PropertyPath path, Optional<TwinColumn> column) implements Expr {
    }

    /** IS_DEFINED, IS_NULL, IS_BOOL, ...: true or false, never undefined. */
    record TypeTest(TypeTestKind test, Expr argument) implements Expr {
    }

    /** STARTSWITH / ENDSWITH: undefined unless both arguments are strings. */
    record StringTest(StringTestKind test, Expr subject, Expr fragment) implements Expr {
    }

    record Comparison(ComparisonOperator operator, Expr left, Expr right) implements Expr {
    }

    /** {@code value IN [...]} / {@code NIN}: the list holds constants only. */
    record Membership(Expr value, List<Constant> list, boolean negated) implements Expr {
    }

    record Logical(LogicalOperator operator, List<Expr> operands) implements Expr {
    }

    record Not(Expr operand) implements Expr {
    }

    record Arithmetic(ArithmeticOperator operator, Expr left, Expr right) implements Expr {
    }

    record Negative(Expr operand) implements Expr {
    }

    enum LogicalOperator { AND, OR }

    enum TypeTestKind { DEFINED, NULL, BOOL, NUMBER, STRING, OBJECT, ARRAY, PRIMITIVE }

    enum StringTestKind { STARTS_WITH, ENDS_WITH }

    enum ArithmeticOperator { ADD, SUBTRACT, MULTIPLY, DIVIDE, REMAINDER }

    enum ComparisonOperator {
        EQUAL("=", true),
        NOT_EQUAL("<>", false),
        LESS("<", false),
        LESS_OR_EQUAL("<=", true),
        GREATER(">", false),
        GREATER_OR_EQUAL(">=", true);

        private final String sql;
        private final boolean trueForEqualValues;

        ComparisonOperator(String sql, boolean trueForEqualValues) {
            this.sql = sql;
            this.trueForEqualValues = trueForEqualValues;
        }

        /** The SQL operator. */
        public String sql() {
            return sql;
        }

        /** The result of comparing two equal values (null with null). */
        public boolean trueForEqualValues() {
            return trueForEqualValues;
        }

        /** Whether this operator orders values (as opposed to testing equality). */
        public boolean isOrdering() {
            return this != EQUAL && this != NOT_EQUAL;
        }
    }
}
