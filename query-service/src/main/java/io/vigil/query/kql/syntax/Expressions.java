package io.vigil.query.kql.syntax;

/** Helpers over expressions. */
public final class Expressions {

    private Expressions() {
    }

    /**
     * Where an expression starts in the text. Operator nodes remember their operator's position (the right place for
     * "cannot compare ..."); errors about a whole expression point at its first token instead.
     */
    public static Position start(Expr expression) {
        Expr current = expression;
        while (true) {
            if (current instanceof Expr.Binary binary) {
                current = binary.left();
            } else if (current instanceof Expr.StringMatch match) {
                current = match.left();
            } else if (current instanceof Expr.In in) {
                current = in.value();
            } else if (current instanceof Expr.HasAny hasAny) {
                current = hasAny.value();
            } else if (current instanceof Expr.Between between) {
                current = between.value();
            } else if (current instanceof Expr.Element element) {
                current = element.target();
            } else {
                return current.position();
            }
        }
    }
}
