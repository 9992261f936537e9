package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.binding.Binding;
import io.vigil.query.kql.binding.Environment;
import io.vigil.query.kql.binding.NameSuggestions;
import io.vigil.query.kql.syntax.BinaryOperator;
import io.vigil.query.kql.syntax.Expr;
import io.vigil.query.kql.syntax.Expressions;
import io.vigil.query.kql.syntax.Position;
import io.vigil.query.kql.types.KqlType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Compiles scalar expressions to SQL in one scope: the columns of the current row (if any), the let names, and,
 * inside summarize, the aggregations (which an {@link AggregateCollector} turns into grouped columns).
 */
final class ExpressionCompiler {

    private final CompilerServices services;
    private final Environment environment;
    private final RowScope row;
    private final AggregateCollector aggregates;

    ExpressionCompiler(CompilerServices services, Environment environment, RowScope row, AggregateCollector aggregates) {
        this.services = services;
        this.environment = environment;
        this.row = row;
        this.aggregates = aggregates;
    }

    ExpressionCompiler withEnvironment(Environment newEnvironment) {
        return new ExpressionCompiler(services, newEnvironment, row, aggregates);
    }

    /** The same scope for the arguments of an aggregation: row-level, no nested aggregations. */
    ExpressionCompiler rowLevel() {
        return new ExpressionCompiler(services, environment, row, null);
    }

    CompilerServices services() {
        return services;
    }

    Environment environment() {
        return environment;
    }

    RowScope row() {
        return row;
    }

    boolean isColumn(String name) {
        return row.contains(name);
    }

    SqlValue compile(Expr expression) {
        SqlValue value = compileUnchecked(expression);
        services.context.checkSize(value.sql(), expression.position());
        return value;
    }

    private SqlValue compileUnchecked(Expr expression) {
        if (expression instanceof Expr.Literal literal) {
            return literal(literal);
        }
        if (expression instanceof Expr.NameRef name) {
            return name(name);
        }
        if (expression instanceof Expr.Call call) {
            return call(call);
        }
        if (expression instanceof Expr.Binary binary) {
            return binary(binary);
        }
        if (expression instanceof Expr.StringMatch match) {
            SqlValue left = compile(match.left());
            SqlValue right = compile(match.right());
            return services.strings.match(match.operator(), left, right, match.position());
        }
        if (expression instanceof Expr.Element element) {
            return element(element);
        }
        if (expression instanceof Expr.Unary unary) {
            return unary(unary);
        }
        if (expression instanceof Expr.Parenthesized parenthesized) {
            if (isTabular(parenthesized.inner())) {
                throw parenthesized.position().error(KqlErrorCodes.TYPE,
                        "a tabular expression cannot be used as a value; use toscalar(...)");
            }
            SqlValue inner = compile(parenthesized.inner());
            return inner.withSql("(" + inner.sql() + ")");
        }
        if (expression instanceof Expr.In in) {
            return new InCompiler(this).compile(in);
        }
        if (expression instanceof Expr.HasAny hasAny) {
            return new InCompiler(this).hasAny(hasAny);
        }
        if (expression instanceof Expr.Between between) {
            return between(between);
        }
        if (expression instanceof Expr.TypeOf) {
            throw expression.position().error(KqlErrorCodes.TYPE, "typeof(...) is only valid as a function argument");
        }
        if (expression instanceof Expr.Star) {
            throw expression.position().error(KqlErrorCodes.SYNTAX, "'*' is only valid as an aggregation argument");
        }
        throw expression.position().error(KqlErrorCodes.TYPE,
                "a tabular expression cannot be used as a value; use toscalar(...)");
    }

    /** Whether an expression denotes a table in this scope (a row column of the same name wins). */
    boolean isTabular(Expr expression) {
        if (expression instanceof Expr.NameRef name && row.contains(name.name())) {
            return false;
        }
        return services.tabular.isTabular(expression, environment);
    }

    // ------------------------------------------------------------------------------------------ literals

    SqlValue literal(Expr.Literal literal) {
        CompilationContext context = services.context;
        Object value = literal.value();
        KqlType type = literal.type();
        if (value == null) {
            return new SqlValue("NULL::" + type.sqlType(), type, true, false, new SqlValue.Constant(null));
        }
        String sql;
        switch (type) {
            case STRING:
            case GUID:
                sql = context.bind(value);
                break;
            case LONG:
            case TIMESPAN:
                sql = context.bind(value);
                break;
            case INT:
                sql = context.bind(((Integer) value).longValue()) + "::integer";
                break;
            case REAL:
            case BOOL:
                sql = context.bind(value);
                break;
            case DATETIME:
                sql = context.bindInstant((Instant) value);
                break;
            case DYNAMIC:
                if ("null".equals(value)) {
                    return new SqlValue("NULL::jsonb", type, true, false, new SqlValue.Constant(null));
                }
                sql = context.bind(value) + "::jsonb";
                break;
            default:
                throw new IllegalStateException("unknown literal type " + type);
        }
        return new SqlValue(sql, type, false, false, new SqlValue.Constant(value));
    }

    // ------------------------------------------------------------------------------------------ names

    private SqlValue name(Expr.NameRef reference) {
        String name = reference.name();
        Optional<SqlValue> column = row.lookup(name);
        if (column.isPresent()) {
            if (aggregates != null) {
                throw reference.position().error(KqlErrorCodes.TYPE, "column '" + name
                        + "' must be used inside an aggregation (or as a 'by' key) in summarize");
            }
            return column.get();
        }
        Optional<Binding> binding = environment.lookup(name);
        if (binding.isPresent()) {
            Binding bound = binding.get();
            if (bound instanceof Binding.LetValue let) {
                if (services.tabular.isTabular(let.let().value(), let.scope())) {
                    throw reference.position().error(KqlErrorCodes.TYPE,
                            "'" + name + "' is a table, not a value; use toscalar(" + name + ")");
                }
                return new ExpressionCompiler(services, let.scope(), RowScope.empty(), null).compile(let.let().value());
            }
            if (bound instanceof Binding.Argument argument) {
                return new ExpressionCompiler(services, argument.callerScope(), row, aggregates).compile(argument.expression());
            }
            if (bound instanceof Binding.Function function && function.let().function().parameters().isEmpty()) {
                return call(new Expr.Call(reference.position(), name, List.of()));
            }
            throw reference.position().error(KqlErrorCodes.TYPE, "'" + name + "' is a function; call it as " + name + "(...)");
        }
        if (services.context.catalog().table(name).isPresent()) {
            throw reference.position().error(KqlErrorCodes.TYPE,
                    "'" + name + "' is a table, not a value; use toscalar(" + name + " | ...)");
        }
        String hint = row.nameIgnoringCase(name).or(() -> environment.lookupIgnoringCase(name))
                .map(n -> " (did you mean '" + n + "'? names are case-sensitive)")
                .or(() -> NameSuggestions.closest(name, row.names()).map(n -> " (did you mean '" + n + "'?)"))
                .orElse("");
        throw reference.position().error(KqlErrorCodes.UNKNOWN_COLUMN, "unknown column or name '" + name + "'" + hint);
    }

    // ------------------------------------------------------------------------------------------ calls

    private SqlValue call(Expr.Call call) {
        Optional<Binding> binding = environment.lookup(call.name());
        if (binding.isPresent() && binding.get() instanceof Binding.Function function) {
            return new FunctionExpansion(services, call, function).compileScalar(this);
        }
        if (AggregateFunctions.isAggregate(call.name())) {
            if (aggregates == null) {
                throw call.position().error(KqlErrorCodes.TYPE,
                        call.name() + "() is an aggregation; it can only be used in summarize");
            }
            return aggregates.aggregate(call, rowLevel());
        }
        Optional<ScalarFunctions.Definition> definition = services.functions.lookup(call.name());
        if (definition.isEmpty()) {
            String hint = services.functions.lookupIgnoringCase(call.name())
                    .map(n -> " (did you mean '" + n + "'? function names are lower-case)").orElse("");
            throw call.position().error(KqlErrorCodes.UNKNOWN_FUNCTION, "unknown function '" + call.name() + "'" + hint);
        }
        return definition.get().compile(new FunctionCall(call, this));
    }

    // ------------------------------------------------------------------------------------------ operators

    private SqlValue binary(Expr.Binary binary) {
        BinaryOperator operator = binary.operator();
        SqlValue left = compile(binary.left());
        SqlValue right = compile(binary.right());
        if (operator == BinaryOperator.AND || operator == BinaryOperator.OR) {
            SqlValue a = asBool(left, Expressions.start(binary.left()));
            SqlValue b = asBool(right, Expressions.start(binary.right()));
            return SqlValue.of("(" + a.sql() + " " + operator.text().toUpperCase() + " " + b.sql() + ")", KqlType.BOOL,
                    a.nullable() || b.nullable());
        }
        if (operator.isComparison()) {
            return services.comparisons.compare(operator, left, right, binary.position());
        }
        return services.arithmetic.apply(operator, left, right, binary.position());
    }

    SqlValue asBool(SqlValue value, Position position) {
        if (value.type() == KqlType.BOOL) {
            return value;
        }
        if (value.type() == KqlType.DYNAMIC) {
            return services.conversions.toBool(value, position);
        }
        throw position.error(KqlErrorCodes.TYPE, "expected a bool, found a " + value.type());
    }

    private SqlValue unary(Expr.Unary unary) {
        if (unary.operator().equals("+")) {
            return compile(unary.operand());
        }
        // -5 is a literal -5 (one parameter), not the negation of a parameter.
        if (unary.operand() instanceof Expr.Literal literal && literal.value() != null) {
            Object value = literal.value();
            Object negated = null;
            if (value instanceof Long l) {
                negated = -l;
            } else if (value instanceof Integer i) {
                negated = -i;
            } else if (value instanceof Double d) {
                negated = -d;
            }
            if (negated != null) {
                return literal(new Expr.Literal(unary.position(), literal.type(), negated));
            }
        }
        return services.arithmetic.negate(compile(unary.operand()), unary.position());
    }

    private SqlValue element(Expr.Element element) {
        SqlValue target = compile(element.target());
        if (target.type() != KqlType.DYNAMIC) {
            throw element.position().error(KqlErrorCodes.TYPE, "'.'/'[]' access needs a dynamic value, not a "
                    + target.type() + (target.type() == KqlType.STRING ? "; use parse_json(...) first" : ""));
        }
        SqlValue subscript = compile(element.subscript());
        String key;
        switch (subscript.type()) {
            case STRING:
                key = subscript.sql();
                break;
            case LONG:
            case INT:
                key = "(" + subscript.sql() + ")::integer";
                break;
            default:
                throw element.subscript().position().error(KqlErrorCodes.TYPE,
                        "an index must be a string or an integer, not a " + subscript.type());
        }
        SqlValue member = SqlValue.of("NULLIF((" + target.sql() + ") -> " + key + ", 'null'::jsonb)", KqlType.DYNAMIC, true);
        if (target.stored() instanceof SqlValue.StoredMembers members && subscript.constantValue() instanceof String name
                && members.columns().containsKey(name)) {
            return member.withStored(new SqlValue.StoredText(members.columns().get(name)));
        }
        return member;
    }

    private SqlValue between(Expr.Between between) {
        SqlValue value = compile(between.value());
        SqlValue low = compile(between.low());
        SqlValue high = compile(between.high());
        if (low.type() == KqlType.DATETIME && high.type() == KqlType.TIMESPAN) {
            // x between (start .. 1h) means start .. start + 1h
            high = services.arithmetic.apply(BinaryOperator.ADD, low, high, between.high().position());
        }
        SqlValue lower = services.comparisons.compare(BinaryOperator.GREATER_OR_EQUAL, value, low, between.position());
        SqlValue upper = services.comparisons.compare(BinaryOperator.LESS_OR_EQUAL, value, high, between.position());
        String test = "(" + lower.sql() + " AND " + upper.sql() + ")";
        return SqlValue.of(between.negated() ? "(NOT " + test + ")" : test, KqlType.BOOL, lower.nullable() || upper.nullable());
    }
}
