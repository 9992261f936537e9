package io.vigil.twin.query.semantic;

import io.vigil.twin.query.TwinQueryErrorCodes;
import io.vigil.twin.query.TwinQueryException;
import io.vigil.twin.query.syntax.ExpressionNode;
import io.vigil.twin.query.syntax.SourcePosition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a condition and converts it to an {@link Expr}.
 * <p>
 * Types of properties are only known when a twin is read, so most mismatches evaluate to undefined. What the query
 * text alone proves wrong is rejected with {@code query.type}: constants of different types compared, arithmetic on
 * a constant that is not a number, STARTSWITH/ENDSWITH with a constant that is not a string, lists outside IN/NIN,
 * aggregates in conditions.
 */
final class ExpressionChecker {

    private final PathResolver paths;

    ExpressionChecker(PathResolver paths) {
        this.paths = paths;
    }

    Expr check(ExpressionNode node) {
        if (node instanceof ExpressionNode.Literal) {
            return constant((ExpressionNode.Literal) node);
        }
        if (node instanceof ExpressionNode.Path) {
            PropertyPath path = paths.resolve((ExpressionNode.Path) node);
            return new Expr.Property(path, paths.column(path));
        }
        if (node instanceof ExpressionNode.Call) {
            return call((ExpressionNode.Call) node);
        }
        if (node instanceof ExpressionNode.Not) {
            return new Expr.Not(check(((ExpressionNode.Not) node).operand()));
        }
        if (node instanceof ExpressionNode.Minus) {
            ExpressionNode.Minus minus = (ExpressionNode.Minus) node;
            Expr operand = check(minus.operand());
            requireNumberIfConstant(operand, minus.operand().position(), "'-'");
            return new Expr.Negative(operand);
        }
        if (node instanceof ExpressionNode.Binary) {
            return binary((ExpressionNode.Binary) node);
        }
        if (node instanceof ExpressionNode.Logical) {
            ExpressionNode.Logical logical = (ExpressionNode.Logical) node;
            List<Expr> operands = new ArrayList<>();
            for (ExpressionNode operand : logical.operands()) {
                operands.add(check(operand));
            }
            return new Expr.Logical(logical.operator() == ExpressionNode.LogicalOperator.AND
                    ? Expr.LogicalOperator.AND : Expr.LogicalOperator.OR, List.copyOf(operands));
        }
        if (node instanceof ExpressionNode.In) {
            return membership((ExpressionNode.In) node);
        }
        if (node instanceof ExpressionNode.ArrayLiteral) {
            throw type(node.position(), "A list [...] can only follow IN or NIN");
        }
        throw new IllegalStateException("unexpected node " + node);
    }

    private static Expr.Constant constant(ExpressionNode.Literal literal) {
        switch (literal.kind()) {
            case STRING:
                return new Expr.Constant(Expr.ConstantKind.STRING, literal.value());
            case NUMBER:
                return new Expr.Constant(Expr.ConstantKind.NUMBER, literal.value());
            case BOOLEAN:
                return new Expr.Constant(Expr.ConstantKind.BOOLEAN, literal.value());
            case NULL:
                return new Expr.Constant(Expr.ConstantKind.NULL, null);
            default:
                return new Expr.Constant(Expr.ConstantKind.UNDEFINED, null);
        }
    }

    private Expr call(ExpressionNode.Call call) {
        String name = call.name();
        if (FunctionCatalog.aggregate(name).isPresent()) {
            throw type(call.position(), FunctionCatalog.upper(name)
                    + " is an aggregate: aggregates are only allowed in the select list");
        }
        var typeTest = FunctionCatalog.typeTest(name);
        if (typeTest.isPresent()) {
            requireArguments(call, 1);
            return new Expr.TypeTest(typeTest.get(), check(call.arguments().get(0)));
        }
        var stringTest = FunctionCatalog.stringTest(name);
        if (stringTest.isPresent()) {
            requireArguments(call, 2);
            Expr subject = check(call.arguments().get(0));
            Expr fragment = check(call.arguments().get(1));
            requireStringIfConstant(subject, call.arguments().get(0).position(), call);
            requireStringIfConstant(fragment, call.arguments().get(1).position(), call);
            return new Expr.StringTest(stringTest.get(), subject, fragment);
        }
        throw new TwinQueryException(TwinQueryErrorCodes.UNKNOWN_FUNCTION, "Unknown function '" + name
                + "': twin queries support " + FunctionCatalog.KNOWN_FUNCTIONS, call.position().line(),
                call.position().column());
    }

    private Expr binary(ExpressionNode.Binary binary) {
        Expr left = check(binary.left());
        Expr right = check(binary.right());
        if (binary.operator().isComparison()) {
            if (left instanceof Expr.Constant && right instanceof Expr.Constant
                    && isValueKind(((Expr.Constant) left).kind()) && isValueKind(((Expr.Constant) right).kind())
                    && ((Expr.Constant) left).kind() != ((Expr.Constant) right).kind()) {
                throw type(binary.position(), "Cannot compare a " + describe(((Expr.Constant) left).kind())
                        + " with a " + describe(((Expr.Constant) right).kind()));
            }
            return new Expr.Comparison(comparison(binary.operator()), left, right);
        }
        String operator = "'" + binary.operator().symbol() + "'";
        requireNumberIfConstant(left, binary.left().position(), operator);
        requireNumberIfConstant(right, binary.right().position(), operator);
        return new Expr.Arithmetic(arithmetic(binary.operator()), left, right);
    }

    private Expr membership(ExpressionNode.In in) {
        Expr value = check(in.value());
        List<Expr.Constant> list = new ArrayList<>();
        for (ExpressionNode element : in.list()) {
            if (element instanceof ExpressionNode.ArrayLiteral) {
                throw type(element.position(), "Lists cannot be nested: IN and NIN compare with single values");
            }
            if (!(element instanceof ExpressionNode.Literal)) {
                throw type(element.position(), "The list of " + (in.negated() ? "NIN" : "IN")
                        + " holds constants only (strings, numbers, true, false, null)");
            }
            list.add(constant((ExpressionNode.Literal) element));
        }
        return new Expr.Membership(value, List.copyOf(list), in.negated());
    }

    private static void requireArguments(ExpressionNode.Call call, int count) {
        if (call.arguments().size() != count) {
            throw type(call.position(), FunctionCatalog.upper(call.name()) + " takes " + count + " argument"
                    + (count == 1 ? "" : "s") + ", found " + call.arguments().size());
        }
    }

    private static void requireStringIfConstant(Expr argument, SourcePosition at, ExpressionNode.Call call) {
        if (argument instanceof Expr.Constant && ((Expr.Constant) argument).kind() != Expr.ConstantKind.STRING) {
            throw type(at, FunctionCatalog.upper(call.name()) + " works on strings, found a "
                    + describe(((Expr.Constant) argument).kind()));
        }
    }

    private static void requireNumberIfConstant(Expr operand, SourcePosition at, String operator) {
        if (operand instanceof Expr.Constant && ((Expr.Constant) operand).kind() != Expr.ConstantKind.NUMBER) {
            throw type(at, "Arithmetic " + operator + " needs numbers, found a "
                    + describe(((Expr.Constant) operand).kind()));
        }
    }

    private static boolean isValueKind(Expr.ConstantKind kind) {
        return kind == Expr.ConstantKind.STRING || kind == Expr.ConstantKind.NUMBER
                || kind == Expr.ConstantKind.BOOLEAN;
    }

    private static String describe(Expr.ConstantKind kind) {
        return kind == Expr.ConstantKind.BOOLEAN ? "boolean" : kind.name().toLowerCase(Locale.ROOT)
                + (kind == Expr.ConstantKind.NULL || kind == Expr.ConstantKind.UNDEFINED ? " constant" : "");
    }

    private static Expr.ComparisonOperator comparison(ExpressionNode.BinaryOperator operator) {
        switch (operator) {
            case EQUAL:
                return Expr.ComparisonOperator.EQUAL;
            case NOT_EQUAL:
                return Expr.ComparisonOperator.NOT_EQUAL;
            case LESS:
                return Expr.ComparisonOperator.LESS;
            case LESS_OR_EQUAL:
                return Expr.ComparisonOperator.LESS_OR_EQUAL;
            case GREATER:
                return Expr.ComparisonOperator.GREATER;
            default:
                return Expr.ComparisonOperator.GREATER_OR_EQUAL;
        }
    }

    private static Expr.ArithmeticOperator arithmetic(ExpressionNode.BinaryOperator operator) {
        switch (operator) {
            case ADD:
                return Expr.ArithmeticOperator.ADD;
            case SUBTRACT:
                return Expr.ArithmeticOperator.SUBTRACT;
            case MULTIPLY:
                return Expr.ArithmeticOperator.MULTIPLY;
            case DIVIDE:
                return Expr.ArithmeticOperator.DIVIDE;
            default:
                return Expr.ArithmeticOperator.REMAINDER;
        }
    }

    static TwinQueryException type(SourcePosition at, String message) {
        return new TwinQueryException(TwinQueryErrorCodes.TYPE, message, at.line(), at.column());
    }
}
