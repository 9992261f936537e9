package io.vigil.twin.query.sql;

import io.vigil.twin.query.semantic.Expr;
import io.vigil.twin.query.semantic.PropertyPath;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Translates checked expressions to SQL that computes exactly the query language's three-valued result: SQL TRUE,
 * FALSE, or NULL for undefined. SQL's own AND, OR and NOT already treat NULL the way the language treats undefined
 * (undefined AND false is false, undefined OR true is true, NOT undefined is undefined).
 * <p>
 * Values are typed ({@link SqlType}) so that constants and computed values are compared without guessing, and a
 * jsonb property is compared with a constant only after checking its JSON type: a string never equals a number, and
 * such a comparison is undefined rather than false (so {@code NOT (x = 'a')} does not select a twin whose x is 5).
 */
final class ExpressionSql {

    private static final String PRIMITIVE_TYPES = "('string', 'number', 'boolean', 'null')";

    private final SqlParameters parameters;
    private final PropertyValues properties;

    ExpressionSql(SqlParameters parameters, PropertyValues properties) {
        this.parameters = parameters;
        this.properties = properties;
    }

    /**
     * A WHERE condition: TRUE exactly when the language's value is true. Equality and IN on exactly-named properties
     * become containment tests ({@code document @> {...}}) that the GIN index answers; everything else is the
     * exact translation.
     */
    String filter(Expr expr) {
        if (expr instanceof Expr.Logical) {
            Expr.Logical logical = (Expr.Logical) expr;
            return join(logical, logical.operands().stream().map(this::filter).collect(Collectors.toList()));
        }
        if (expr instanceof Expr.Comparison) {
            Expr.Comparison comparison = (Expr.Comparison) expr;
            if (comparison.operator() == Expr.ComparisonOperator.EQUAL) {
                String contained = containment(comparison.left(), comparison.right());
                if (contained == null) {
                    contained = containment(comparison.right(), comparison.left());
                }
                if (contained != null) {
                    return contained;
                }
            }
        }
        if (expr instanceof Expr.Membership && !((Expr.Membership) expr).negated()) {
            String contained = containmentOfAny((Expr.Membership) expr);
            if (contained != null) {
                return contained;
            }
        }
        return condition(expr);
    }

    /** The exact three-valued SQL boolean of an expression used as a condition. */
    String condition(Expr expr) {
        if (expr instanceof Expr.Logical) {
            Expr.Logical logical = (Expr.Logical) expr;
            return join(logical, logical.operands().stream().map(this::condition).collect(Collectors.toList()));
        }
        if (expr instanceof Expr.Not) {
            return "(NOT " + condition(((Expr.Not) expr).operand()) + ")";
        }
        if (expr instanceof Expr.Comparison) {
            Expr.Comparison comparison = (Expr.Comparison) expr;
            return Comparisons.compare(comparison.operator(), value(comparison.left()), value(comparison.right()));
        }
        if (expr instanceof Expr.Membership) {
            return membership((Expr.Membership) expr);
        }
        if (expr instanceof Expr.TypeTest) {
            Expr.TypeTest test = (Expr.TypeTest) expr;
            return withKeyPathTest(test.argument(), TypeTests.test(test.test(), value(test.argument())));
        }
        if (expr instanceof Expr.StringTest) {
            Expr.StringTest test = (Expr.StringTest) expr;
            String subject = text(value(test.subject()));
            String fragment = text(value(test.fragment()));
            return test.test() == Expr.StringTestKind.STARTS_WITH
                    ? "starts_with(" + subject + ", " + fragment + ")"
                    : "(right(" + subject + ", length(" + fragment + ")) = " + fragment + ")";
        }
        return truth(value(expr));
    }

    /**
     * A type test of a case-insensitive property, preceded by a test of the twin's key paths: every type test is
     * false for an undefined property, so the extra condition never changes the result, while PostgreSQL checks it
     * on the scanned row before computing the property at all. That is what keeps {@code IS_DEFINED(tags.x)} over a
     * fleet where few twins have {@code x} from searching every twin's document.
     */
    private String withKeyPathTest(Expr argument, String test) {
        if (!(argument instanceof Expr.Property property) || property.column().isPresent() || property.path().fullyExact()) {
            return test;
        }
        return KeyPaths.folded(property.path())
                .map(folded -> "(" + KeyPaths.listed(PropertyValues.KEY_PATHS, parameters.bind(folded)) + " AND " + test + ")")
                .orElse(test);
    }

    /** The value of an expression, typed. */
    TypedSql value(Expr expr) {
        if (expr instanceof Expr.Constant) {
            return constant((Expr.Constant) expr);
        }
        if (expr instanceof Expr.Property) {
            Expr.Property property = (Expr.Property) expr;
            if (property.column().isPresent()) {
                return new TypedSql(SqlType.TEXT, "t." + property.column().get().columnName());
            }
            return new TypedSql(SqlType.JSONB, properties.valueOf(property.path()));
        }
        if (expr instanceof Expr.Arithmetic) {
            return arithmetic((Expr.Arithmetic) expr);
        }
        if (expr instanceof Expr.Negative) {
            return new TypedSql(SqlType.NUMERIC, "(- " + numeric(value(((Expr.Negative) expr).operand())) + ")");
        }
        return new TypedSql(SqlType.BOOLEAN, condition(expr));
    }

    private TypedSql constant(Expr.Constant constant) {
        switch (constant.kind()) {
            case STRING:
                return new TypedSql(SqlType.TEXT, parameters.bind(constant.value()));
            case NUMBER:
                return new TypedSql(SqlType.NUMERIC, Constants.numericSql(Constants.bindable(constant), parameters));
            case BOOLEAN:
                return new TypedSql(SqlType.BOOLEAN, parameters.bind(constant.value()));
            case NULL:
                return TypedSql.NULL;
            default:
                return TypedSql.UNDEFINED;
        }
    }

    private TypedSql arithmetic(Expr.Arithmetic arithmetic) {
        String left = numeric(value(arithmetic.left()));
        String right = numeric(value(arithmetic.right()));
        switch (arithmetic.operator()) {
            case ADD:
                return new TypedSql(SqlType.NUMERIC, "(" + left + " + " + right + ")");
            case SUBTRACT:
                return new TypedSql(SqlType.NUMERIC, "(" + left + " - " + right + ")");
            case MULTIPLY:
                return new TypedSql(SqlType.NUMERIC, "(" + left + " * " + right + ")");
            case DIVIDE:
                // Division by zero is undefined, not an error that would fail the whole query.
                return new TypedSql(SqlType.NUMERIC, "(" + left + " / NULLIF(" + right + ", 0))");
            default:
                return new TypedSql(SqlType.NUMERIC, "mod(" + left + ", NULLIF(" + right + ", 0))");
        }
    }

    private String membership(Expr.Membership membership) {
        TypedSql value = value(membership.value());
        List<Expr.Constant> list = membership.list().stream()
                .filter(c -> c.kind() != Expr.ConstantKind.UNDEFINED)
                .collect(Collectors.toList());
        String not = membership.negated() ? "NOT " : "";
        switch (value.type()) {
            case UNDEFINED:
                return "NULL::boolean";
            case NULL:
                boolean listed = list.stream().anyMatch(c -> c.kind() == Expr.ConstantKind.NULL);
                return listed != membership.negated() ? "TRUE" : "FALSE";
            case JSONB:
                // Equality of jsonb is the language's equality for primitives: same type and same value.
                return "(CASE WHEN jsonb_typeof(" + value.sql() + ") IN " + PRIMITIVE_TYPES + " THEN " + not + "("
                        + value.sql() + " = ANY(" + bindJsonList(list) + "::jsonb[])) END)";
            case TEXT:
                // Text values are NOT NULL columns or string constants, never undefined: no guard, so that
                // deviceId IN [...] stays an index condition.
                return "(" + not + "(" + value.sql() + " = ANY(" + bindList(list, Expr.ConstantKind.STRING)
                        + ")))";
            case NUMERIC:
                return definedThen(value, not + "(" + value.sql() + " = ANY(" + bindList(list,
                        Expr.ConstantKind.NUMBER) + "::numeric[]))");
            default:
                return definedThen(value, not + "(" + value.sql() + " = ANY(" + bindList(list,
                        Expr.ConstantKind.BOOLEAN) + "::boolean[]))");
        }
    }

    /**
     * The test when the value is defined, else undefined. Needed because {@code NULL = ANY('{}')} is false, not
     * NULL: without it, {@code x NIN [...]} would select twins where x is undefined whenever no listed constant
     * has x's type.
     */
    private static String definedThen(TypedSql value, String test) {
        return "(CASE WHEN " + value.sql() + " IS NOT NULL THEN " + test + " END)";
    }

    private String bindJsonList(List<Expr.Constant> list) {
        return parameters.bind(list.stream().map(Constants::json).toArray(String[]::new));
    }

    /** The constants of one kind, as text (numbers in their JSON form, which numeric accepts). */
    private String bindList(List<Expr.Constant> list, Expr.ConstantKind kind) {
        return parameters.bind(list.stream()
                .filter(c -> c.kind() == kind)
                .map(c -> kind == Expr.ConstantKind.STRING ? (String) c.value() : Constants.json(c))
                .toArray(String[]::new));
    }

    /** {@code document @> {"a": {"b": constant}}} for {@code a.b = constant}, when that test is exact. */
    private String containment(Expr propertySide, Expr constantSide) {
        PropertyPath path = containablePath(propertySide);
        if (path == null || !(constantSide instanceof Expr.Constant)) {
            return null;
        }
        Expr.Constant constant = (Expr.Constant) constantSide;
        if (constant.kind() == Expr.ConstantKind.UNDEFINED) {
            return null;
        }
        return PropertyValues.DOCUMENT + " @> " + parameters.bind(JsonText.nested(names(path),
                Constants.json(constant))) + "::jsonb";
    }

    private String containmentOfAny(Expr.Membership membership) {
        PropertyPath path = containablePath(membership.value());
        if (path == null) {
            return null;
        }
        List<String> names = names(path);
        String[] objects = membership.list().stream()
                .filter(c -> c.kind() != Expr.ConstantKind.UNDEFINED)
                .map(c -> JsonText.nested(names, Constants.json(c)))
                .toArray(String[]::new);
        if (objects.length == 0) {
            return "FALSE";
        }
        return PropertyValues.DOCUMENT + " @> ANY(" + parameters.bind(objects) + "::jsonb[])";
    }

    /**
     * The path of a property that containment can test: all names exact (containment compares keys exactly) and no
     * indexed column (the column test is better still).
     */
    private static PropertyPath containablePath(Expr expr) {
        if (!(expr instanceof Expr.Property)) {
            return null;
        }
        Expr.Property property = (Expr.Property) expr;
        if (property.column().isPresent() || !property.path().fullyExact()) {
            return null;
        }
        return property.path();
    }

    private static List<String> names(PropertyPath path) {
        List<String> names = new ArrayList<>();
        for (PropertyPath.Segment segment : path.segments()) {
            names.add(segment.name());
        }
        return names;
    }

    private static String join(Expr.Logical logical, List<String> operands) {
        String operator = logical.operator() == Expr.LogicalOperator.AND ? " AND " : " OR ";
        return "(" + String.join(operator, operands) + ")";
    }

    /**
     * A value used as a condition. A boolean is itself; JSON null counts as false (IoT Hub's routing engine:
     * {@code NOT null} is true); strings, numbers, objects, arrays and undefined are undefined.
     */
    static String truth(TypedSql value) {
        switch (value.type()) {
            case BOOLEAN:
                return value.sql();
            case JSONB:
                return "(CASE jsonb_typeof(" + value.sql() + ") WHEN 'boolean' THEN (" + value.sql()
                        + ")::boolean WHEN 'null' THEN FALSE END)";
            case NULL:
                return "FALSE";
            default:
                return "NULL::boolean";
        }
    }

    /** A value as a number, NULL (undefined) when it is not one. */
    static String numeric(TypedSql value) {
        switch (value.type()) {
            case NUMERIC:
                return value.sql();
            case JSONB:
                return "(CASE WHEN jsonb_typeof(" + value.sql() + ") = 'number' THEN (" + value.sql()
                        + ")::numeric END)";
            default:
                return "NULL::numeric";
        }
    }

    /** A value as a string, NULL (undefined) when it is not one. */
    static String text(TypedSql value) {
        switch (value.type()) {
            case TEXT:
                return value.sql();
            case JSONB:
                return "(CASE WHEN jsonb_typeof(" + value.sql() + ") = 'string' THEN " + value.sql()
                        + " #>> '{}' END)";
            default:
                return "NULL::text";
        }
    }
}
