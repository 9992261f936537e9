package io.vigil.query.kql.binding;

import io.vigil.query.kql.syntax.Expr;
import io.vigil.query.kql.syntax.Statement;

/** What a name declared by the query stands for. */
public sealed interface Binding {

    /**
     * {@code let name = expression}: re-evaluated at every reference (KQL binds a calculation, not a value), in the
     * scope where it was declared.
     */
    record LetValue(Statement.Let let, Environment scope) implements Binding {
    }

    /** {@code let f = (params) { body }}: expanded at every call. */
    record Function(Statement.Let let, Environment scope) implements Binding {
    }

    /** A function parameter inside the body: the caller's argument, resolved in the caller's scope. */
    record Argument(Expr expression, Environment callerScope) implements Binding {
    }
}
