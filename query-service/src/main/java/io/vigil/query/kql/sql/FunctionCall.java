package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.syntax.Expr;
import io.vigil.query.kql.syntax.Expressions;
import io.vigil.query.kql.syntax.Position;
import io.vigil.query.kql.types.KqlType;

import java.util.Arrays;

/** A call being compiled: its syntax, its arguments (compiled on demand, once), and the compiler's helpers. */
final class FunctionCall {

    private final Expr.Call syntax;
    private final ExpressionCompiler compiler;
    private final SqlValue[] compiled;

    FunctionCall(Expr.Call syntax, ExpressionCompiler compiler) {
        this.syntax = syntax;
        this.compiler = compiler;
        this.compiled = new SqlValue[syntax.arguments().size()];
    }

    String name() {
        return syntax.name();
    }

    Position position() {
        return syntax.position();
    }

    int count() {
        return syntax.arguments().size();
    }

    Expr raw(int index) {
        return syntax.arguments().get(index);
    }

    Position positionOf(int index) {
        return Expressions.start(raw(index));
    }

    ExpressionCompiler compiler() {
        return compiler;
    }

    CompilationContext context() {
        return compiler.services().context;
    }

    Conversions conversions() {
        return compiler.services().conversions;
    }

    SqlValue arg(int index) {
        if (compiled[index] == null) {
            compiled[index] = compiler.compile(raw(index));
        }
        return compiled[index];
    }

    /** The argument converted to a string (tostring semantics). */
    SqlValue string(int index) {
        return conversions().toStringValue(arg(index));
    }

    /** The argument, which must have one of the given types (int and long are interchangeable where long is allowed). */
    SqlValue typed(int index, KqlType... allowed) {
        SqlValue value = arg(index);
        for (KqlType type : allowed) {
            if (value.type() == type) {
                return value;
            }
            if (type == KqlType.LONG && value.type() == KqlType.INT) {
                return SqlValue.of("(" + value.sql() + ")::bigint", KqlType.LONG, value.nullable());
            }
        }
        throw positionOf(index).error(KqlErrorCodes.TYPE, name() + "(): argument " + (index + 1) + " must be "
                + String.join(" or ", Arrays.stream(allowed).map(KqlType::kqlName).toList()) + ", not " + value.type());
    }

    /** A string argument that must be a literal (JSON paths, regular expressions used at compile time). */
    String constantString(int index) {
        SqlValue value = arg(index);
        if (!value.isConstant() || !(value.constantValue() instanceof String text)) {
            throw positionOf(index).error(KqlErrorCodes.ARGUMENTS, name() + "(): argument " + (index + 1)
                    + " must be a string literal");
        }
        return text;
    }

    /** A {@code typeof(T)} argument. */
    KqlType typeArgument(int index) {
        if (!(raw(index) instanceof Expr.TypeOf typeOf)) {
            throw positionOf(index).error(KqlErrorCodes.ARGUMENTS, name() + "(): argument " + (index + 1)
                    + " must be typeof(<type>)");
        }
        return typeOf.type();
    }
}
