package io.vigil.twin.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.vigil.twin.query.semantic.Expr;
import io.vigil.twin.query.semantic.PropertyPath;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The documented semantics of twin query conditions, evaluated directly on a twin document in Java: the reference
 * the generated SQL is compared with. Written for clarity, not speed. A Java {@code null} is undefined; JSON null
 * is {@link NullNode}; a condition is TRUE, FALSE or {@code null} (undefined).
 */
public final class ReferenceEvaluator {

    private ReferenceEvaluator() {
    }

    public static Boolean condition(Expr expr, JsonNode doc) {
        if (expr instanceof Expr.Logical) {
            Expr.Logical logical = (Expr.Logical) expr;
            boolean and = logical.operator() == Expr.LogicalOperator.AND;
            boolean sawUndefined = false;
            for (Expr operand : logical.operands()) {
                Boolean value = condition(operand, doc);
                if (value == null) {
                    sawUndefined = true;
                } else if (value != and) {
                    return value; // FALSE decides an AND, TRUE decides an OR
                }
            }
            return sawUndefined ? null : and;
        }
        if (expr instanceof Expr.Not) {
            Boolean operand = condition(((Expr.Not) expr).operand(), doc);
            return operand == null ? null : !operand;
        }
        if (expr instanceof Expr.Comparison) {
            Expr.Comparison comparison = (Expr.Comparison) expr;
            return compare(comparison.operator(), value(comparison.left(), doc), value(comparison.right(), doc));
        }
        if (expr instanceof Expr.Membership) {
            Expr.Membership membership = (Expr.Membership) expr;
            JsonNode value = value(membership.value(), doc);
            if (value == null || value.isContainerNode()) {
                return null;
            }
            boolean found = false;
            for (Expr.Constant element : membership.list()) {
                JsonNode constant = value(element, doc);
                if (constant != null && sameValue(value, constant)) {
                    found = true;
                }
            }
            return found != membership.negated();
        }
        if (expr instanceof Expr.TypeTest) {
            Expr.TypeTest test = (Expr.TypeTest) expr;
            return typeTest(test.test(), value(test.argument(), doc));
        }
        if (expr instanceof Expr.StringTest) {
            Expr.StringTest test = (Expr.StringTest) expr;
            JsonNode subject = value(test.subject(), doc);
            JsonNode fragment = value(test.fragment(), doc);
            if (subject == null || fragment == null || !subject.isTextual() || !fragment.isTextual()) {
                return null;
            }
            return test.test() == Expr.StringTestKind.STARTS_WITH
                    ? subject.asText().startsWith(fragment.asText())
                    : subject.asText().endsWith(fragment.asText());
        }
        JsonNode value = value(expr, doc);
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.isNull() ? Boolean.FALSE : null;
    }

    public static JsonNode value(Expr expr, JsonNode doc) {
        if (expr instanceof Expr.Constant) {
            Expr.Constant constant = (Expr.Constant) expr;
            switch (constant.kind()) {
                case STRING:
                    return TextNode.valueOf((String) constant.value());
                case NUMBER:
                    return DecimalNode.valueOf((BigDecimal) constant.value());
                case BOOLEAN:
                    return BooleanNode.valueOf((Boolean) constant.value());
                case NULL:
                    return NullNode.getInstance();
                default:
                    return null;
            }
        }
        if (expr instanceof Expr.Property) {
            Found found = resolve(((Expr.Property) expr).path(), doc);
            return found == null ? null : found.value;
        }
        if (expr instanceof Expr.Arithmetic) {
            Expr.Arithmetic arithmetic = (Expr.Arithmetic) expr;
            BigDecimal left = number(value(arithmetic.left(), doc));
            BigDecimal right = number(value(arithmetic.right(), doc));
            if (left == null || right == null) {
                return null;
            }
            switch (arithmetic.operator()) {
                case ADD:
                    return DecimalNode.valueOf(left.add(right));
                case SUBTRACT:
                    return DecimalNode.valueOf(left.subtract(right));
                case MULTIPLY:
                    return DecimalNode.valueOf(left.multiply(right));
                case DIVIDE:
                    return right.signum() == 0 ? null : DecimalNode.valueOf(left.divide(right));
                default:
                    return right.signum() == 0 ? null : DecimalNode.valueOf(left.remainder(right));
            }
        }
        if (expr instanceof Expr.Negative) {
            BigDecimal operand = number(value(((Expr.Negative) expr).operand(), doc));
            return operand == null ? null : DecimalNode.valueOf(operand.negate());
        }
        Boolean condition = condition(expr, doc);
        return condition == null ? null : BooleanNode.valueOf(condition);
    }

    /** A property found in a document, with its key as the document spells it. */
    public static final class Found {
        public final String key;
        public final JsonNode value;

        Found(String key, JsonNode value) {
            this.key = key;
            this.value = value;
        }
    }

    /**
     * The exact spelling if the whole path exists so; otherwise the first match, depth first, trying keys equal
     * ignoring case in PostgreSQL's key order (shorter first, then by bytes).
     */
    public static Found resolve(PropertyPath path, JsonNode doc) {
        JsonNode node = doc;
        for (PropertyPath.Segment segment : path.segments()) {
            node = node != null && node.isObject() ? node.get(segment.name()) : null;
        }
        if (node != null) {
            return new Found(path.last().name(), node);
        }
        return search(path.segments(), 0, doc);
    }

    private static Found search(List<PropertyPath.Segment> segments, int index, JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        PropertyPath.Segment segment = segments.get(index);
        List<String> keys = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            String key = fields.next().getKey();
            if (segment.matchExactly() ? key.equals(segment.name()) : key.equalsIgnoreCase(segment.name())) {
                keys.add(key);
            }
        }
        keys.sort(ReferenceEvaluator::jsonbKeyOrder);
        for (String key : keys) {
            if (index == segments.size() - 1) {
                return new Found(key, node.get(key));
            }
            Found found = search(segments, index + 1, node.get(key));
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static int jsonbKeyOrder(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        return java.util.Arrays.compareUnsigned(x, y);
    }

    private static Boolean compare(Expr.ComparisonOperator operator, JsonNode left, JsonNode right) {
        if (left == null || right == null) {
            return null;
        }
        if (left.isNull() && right.isNull()) {
            return operator.trueForEqualValues();
        }
        int order;
        if (left.isTextual() && right.isTextual()) {
            order = Integer.signum(left.asText().compareTo(right.asText()));
        } else if (left.isNumber() && right.isNumber()) {
            order = left.decimalValue().compareTo(right.decimalValue());
        } else if (left.isBoolean() && right.isBoolean()) {
            order = Boolean.compare(left.booleanValue(), right.booleanValue());
        } else {
            return null; // different types, null with non-null, objects, arrays
        }
        switch (operator) {
            case EQUAL:
                return order == 0;
            case NOT_EQUAL:
                return order != 0;
            case LESS:
                return order < 0;
            case LESS_OR_EQUAL:
                return order <= 0;
            case GREATER:
                return order > 0;
            default:
                return order >= 0;
        }
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static Boolean typeTest(Expr.TypeTestKind test, JsonNode value) {
        if (value == null) {
            return false;
        }
        switch (test) {
            case DEFINED:
                return true;
            case NULL:
                return value.isNull();
            case BOOL:
                return value.isBoolean();
            case NUMBER:
                return value.isNumber();
            case STRING:
                return value.isTextual();
            case OBJECT:
                return value.isObject();
            case ARRAY:
                return value.isArray();
            default:
                return !value.isContainerNode();
        }
    }

    private static BigDecimal number(JsonNode value) {
        return value != null && value.isNumber() ? value.decimalValue() : null;
    }
}
