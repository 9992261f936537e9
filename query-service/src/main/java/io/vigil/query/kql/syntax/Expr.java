package io.vigil.query.kql.syntax;

import io.vigil.query.kql.types.KqlType;

import java.util.List;

/**
 * An expression of the query: scalar or tabular (KQL shares one grammar for both; the binder decides which a
 * name or a call is). Every node knows where it starts, for error messages.
 */
public sealed interface Expr {

    Position position();

    /**
     * A literal of any type. {@code value} is a String (string, guid, and dynamic as JSON text), Long (long, and
     * timespan in ticks), Integer (int), Double (real), Boolean (bool), java.time.Instant (datetime); null is a
     * typed null ({@code long(null)}).
     */
    record Literal(Position position, KqlType type, Object value) implements Expr {
    }

    /** {@code typeof(long)}: only valid as an argument ({@code extract_json(..., typeof(long))}). */
    record TypeOf(Position position, KqlType type) implements Expr {
    }

    /** A column, let name, table or {@code $left}/{@code $right}. */
    record NameRef(Position position, String name) implements Expr {
    }

    /** {@code *} as an argument: {@code arg_max(x, *)}. */
    record Star(Position position) implements Expr {
    }

    record Call(Position position, String name, List<Expr> arguments) implements Expr {
    }

    /** {@code d.key}, {@code d["key"]}, {@code d[0]}, {@code d[expr]}. */
    record Element(Position position, Expr target, Expr subscript) implements Expr {
    }

    /** {@code -x}, {@code +x}. */
    record Unary(Position position, String operator, Expr operand) implements Expr {
    }

    record Binary(Position position, BinaryOperator operator, Expr left, Expr right) implements Expr {
    }

    record StringMatch(Position position, StringOperator operator, Expr left, Expr right) implements Expr {
    }

    /** {@code x in (a, b)}, {@code x !in~ (...)}; an item may be a dynamic array or a tabular expression. */
    record In(Position position, Expr value, boolean negated, boolean caseInsensitive, List<Expr> items) implements Expr {
    }

    /** {@code x has_any (a, b)} / {@code x has_all (a, b)}. */
    record HasAny(Position position, Expr value, boolean all, List<Expr> items) implements Expr {
    }

    /** {@code x between (low .. high)}, inclusive; {@code !between}. */
    record Between(Position position, Expr value, boolean negated, Expr low, Expr high) implements Expr {
    }

    record Parenthesized(Position position, Expr inner) implements Expr {
    }

    /** {@code source | op | op}. */
    record Pipeline(Position position, Expr source, List<TabularOperator> operators) implements Expr {
    }

    /** {@code datatable(A:string, B:long)[ "x", 1, ... ]}: values row by row. */
    record Datatable(Position position, List<ColumnDeclaration> columns, List<Expr> values) implements Expr {
    }

    record Print(Position position, List<Assignment> items) implements Expr {
    }

    /** {@code range x from 1 to 10 step 1}. */
    record Range(Position position, String column, Expr from, Expr to, Expr step) implements Expr {
    }

    /** {@code union T1, T2} as the start of a pipeline. */
    record Union(Position position, UnionClause clause) implements Expr {
    }

    /** A column of a datatable or a parameter list: {@code Name:type}. */
    record ColumnDeclaration(Position position, String name, KqlType type) {
    }
}
