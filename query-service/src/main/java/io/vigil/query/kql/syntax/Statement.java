package io.vigil.query.kql.syntax;

import io.vigil.query.kql.types.KqlType;

import java.util.List;

/** The statements of a query: {@code let}s, then one tabular expression. */
public final class Statement {

    private Statement() {
    }

    /**
     * {@code let name = value;} or {@code let name = (params) { body };}: exactly one of {@code value} and
     * {@code function} is set.
     */
    public record Let(Position position, String name, Expr value, FunctionDefinition function) {
    }

    /** {@code (a:string, b:long = 5) { lets; expression }}, or {@code view () { ... }}. */
    public record FunctionDefinition(Position position, List<Parameter> parameters, List<Let> lets, Expr body) {
    }

    /**
     * A function parameter: scalar with a type, or tabular ({@code T:(*)}, {@code T:(A:string)}).
     *
     * @param defaultValue the literal used when the argument is left out, or null
     */
    public record Parameter(Position position, String name, KqlType type, boolean tabular, Expr defaultValue) {
    }

    /** A whole query. */
    public record Query(List<Let> lets, Expr result) {
    }

    /** Shorthand used by the parser and binder. */
    public static boolean isFunction(Let let) {
        return let.function() != null;
    }
}
