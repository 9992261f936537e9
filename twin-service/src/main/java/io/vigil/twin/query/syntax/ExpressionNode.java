package io.vigil.twin.query.syntax;

import java.util.List;

/** Expressions as written, before names are resolved and types checked. */
public sealed interface ExpressionNode {

    /** Where the expression (or, for operators, the operator) starts. */
    SourcePosition position();

    enum LiteralKind { STRING, NUMBER, BOOLEAN, NULL, UNDEFINED }

    /** {@code 'text'}, {@code 12.5}, {@code true}, {@code null}, {@code undefined}; value is String, BigDecimal, Boolean or null. */
    record Literal(LiteralKind kind, Object value, SourcePosition position) implements ExpressionNode {
    }

    /** {@code [c1, c2, ...]}: legal only after IN and NIN. */
    record ArrayLiteral(List<ExpressionNode> elements, SourcePosition position) implements ExpressionNode {
    }

    /** {@code tags.location.region}, {@code configurations.[[firmware-update]].status}. */
    record Path(List<PathSegment> segments, SourcePosition position) implements ExpressionNode {
    }

    /** {@code NAME(arguments)}; the name as written. */
    record Call(String name, List<ExpressionNode> arguments, SourcePosition position) implements ExpressionNode {
    }

    /** {@code NOT operand}. */
    record Not(ExpressionNode operand, SourcePosition position) implements ExpressionNode {
    }

    /** {@code -operand} where operand is not a number literal (those are folded into the literal). */
    record Minus(ExpressionNode operand, SourcePosition position) implements ExpressionNode {
    }

    /** Comparison or arithmetic; position is the operator's. */
    record Binary(BinaryOperator operator, ExpressionNode left, ExpressionNode right, SourcePosition position)
            implements ExpressionNode {
    }

    /** A chain of ANDs or of ORs, flattened so that long chains do not nest deeply. */
    record Logical(LogicalOperator operator, List<ExpressionNode> operands, SourcePosition position)
            implements ExpressionNode {
    }

    /** {@code value IN [...]} or {@code value NIN [...]}; position is the keyword's. */
    record In(ExpressionNode value, List<ExpressionNode> list, boolean negated, SourcePosition position)
            implements ExpressionNode {
    }

    enum LogicalOperator { AND, OR }

    enum BinaryOperator {
        EQUAL("=", true),
        NOT_EQUAL("!=", true),
        LESS("<", true),
        LESS_OR_EQUAL("<=", true),
        GREATER(">", true),
        GREATER_OR_EQUAL(">=", true),
        ADD("+", false),
        SUBTRACT("-", false),
        MULTIPLY("*", false),
        DIVIDE("/", false),
        REMAINDER("%", false);

        private final String symbol;
        private final boolean comparison;

        BinaryOperator(String symbol, boolean comparison) {
            this.symbol = symbol;
            this.comparison = comparison;
        }

        public String symbol() {
            return symbol;
        }

        public boolean isComparison() {
            return comparison;
        }
    }
}
