package io.vigil.query.kql.syntax;

import java.util.List;

/**
 * An item of project, extend, summarize or print: {@code expr}, {@code Name = expr} or {@code (A, B) = expr}.
 *
 * @param names the explicit names; empty when the name is derived from the expression
 */
public record Assignment(Position position, List<String> names, Expr expression) {

    public boolean isNamed() {
        return !names.isEmpty();
    }
}
