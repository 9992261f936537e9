package io.vigil.query.kql.syntax;

/** Logical, comparison and arithmetic operators (string operators are {@link StringOperator}). */
public enum BinaryOperator {
    OR("or"),
    AND("and"),
    EQUAL("=="),
    NOT_EQUAL("!="),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    ADD("+"),
    SUBTRACT("-"),
    MULTIPLY("*"),
    DIVIDE("/"),
    MODULO("%");

    private final String text;

    BinaryOperator(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean isComparison() {
        return this == EQUAL || this == NOT_EQUAL || this == LESS || this == LESS_OR_EQUAL
                || this == GREATER || this == GREATER_OR_EQUAL;
    }

    public boolean isArithmetic() {
        return this == ADD || this == SUBTRACT || this == MULTIPLY || this == DIVIDE || this == MODULO;
    }
}
