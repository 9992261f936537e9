package io.vigil.query.kql.sql;

import io.vigil.query.kql.KqlErrorCodes;
import io.vigil.query.kql.binding.Binding;
import io.vigil.query.kql.binding.Environment;
import io.vigil.query.kql.syntax.Expr;
import io.vigil.query.kql.syntax.Statement;
import io.vigil.query.kql.types.KqlType;

import java.util.List;

/**
 * A call of a user function ({@code let f = (a:long) { ... }}), expanded in place: the body is compiled in the
 * function's own scope plus its parameters, each parameter standing for the caller's argument expression.
 */
final class FunctionExpansion {

    private final CompilerServices services;
    private final Expr.Call call;
    private final Binding.Function function;

    FunctionExpansion(CompilerServices services, Expr.Call call, Binding.Function function) {
        this.services = services;
        this.call = call;
        this.function = function;
    }

    SqlValue compileScalar(ExpressionCompiler caller) {
        Environment body = bodyEnvironment(caller);
        Expr expression = function.let().function().body();
        if (services.tabular.isTabular(expression, body)) {
            throw call.position().error(KqlErrorCodes.TYPE, call.name() + "() returns a table, not a value");
        }
        return new ExpressionCompiler(services, body, caller.row(), null).compile(expression);
    }

    Relation compileTabular(Environment callerScope) {
        Environment body = bodyEnvironment(new ExpressionCompiler(services, callerScope, RowScope.empty(), null));
        return services.tabular.compile(function.let().function().body(), body);
    }

    boolean returnsTable() {
        return services.tabular.isTabular(function.let().function().body(), bodyEnvironmentUnchecked());
    }

    private Environment bodyEnvironment(ExpressionCompiler caller) {
        Statement.FunctionDefinition definition = function.let().function();
        List<Statement.Parameter> parameters = definition.parameters();
        List<Expr> arguments = call.arguments();
        long required = parameters.stream().filter(p -> p.defaultValue() == null).count();
        if (arguments.size() < required || arguments.size() > parameters.size()) {
            throw call.position().error(KqlErrorCodes.ARGUMENTS, call.name() + "() takes "
                    + (required == parameters.size() ? String.valueOf(required) : required + " to " + parameters.size())
                    + " argument(s), got " + arguments.size());
        }
        Environment environment = function.scope();
        for (int i = 0; i < parameters.size(); i++) {
            Statement.Parameter parameter = parameters.get(i);
            boolean given = i < arguments.size();
            Expr argument = given ? arguments.get(i) : parameter.defaultValue();
            Environment argumentScope = given ? caller.environment() : function.scope();
            if (argument instanceof Expr.Star) {
                throw argument.position().error(KqlErrorCodes.SYNTAX, "'*' is not a function argument");
            }
            checkArgument(parameter, argument, caller.withEnvironment(argumentScope));
            environment = environment.with(parameter.name(), new Binding.Argument(argument, argumentScope));
        }
        return withBodyLets(environment, definition);
    }

    private Environment bodyEnvironmentUnchecked() {
        Statement.FunctionDefinition definition = function.let().function();
        Environment environment = function.scope();
        for (Statement.Parameter parameter : definition.parameters()) {
            environment = environment.with(parameter.name(), new Binding.Argument(
                    parameter.tabular() ? new Expr.Datatable(parameter.position(), List.of(), List.of()) : new Expr.Literal(
                            parameter.position(), parameter.type(), null), Environment.empty()));
        }
        return withBodyLets(environment, definition);
    }

    private static Environment withBodyLets(Environment environment, Statement.FunctionDefinition definition) {
        Environment result = environment;
        for (Statement.Let let : definition.lets()) {
            result = result.with(let.name(), Statement.isFunction(let)
                    ? new Binding.Function(let, result) : new Binding.LetValue(let, result));
        }
        return result;
    }

    private void checkArgument(Statement.Parameter parameter, Expr argument, ExpressionCompiler compiler) {
        boolean tabular = compiler.isTabular(argument);
        if (parameter.tabular() != tabular) {
            throw argument.position().error(KqlErrorCodes.TYPE, "parameter '" + parameter.name() + "' of " + call.name()
                    + "() expects " + (parameter.tabular() ? "a table" : "a " + parameter.type() + " value"));
        }
        if (tabular) {
            return;
        }
        KqlType type = compiler.compile(argument).type();
        boolean compatible = type == parameter.type() || (type.isNumeric() && parameter.type().isNumeric());
        if (!compatible) {
            throw argument.position().error(KqlErrorCodes.TYPE, "parameter '" + parameter.name() + "' of " + call.name()
                    + "() is a " + parameter.type() + ", the argument a " + type);
        }
    }
}
